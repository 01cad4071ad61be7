package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Claims are the decoded payload of an access token. They are read without
// verifying the signature: graphtui shows them, it never trusts them.
type Claims struct {
	Audience       string
	Issuer         string
	TenantID       string
	AppID          string
	AppDisplayName string
	IDType         string // "app" for app-only tokens
	Roles          []string
	WIDs           []string
	IssuedAt       time.Time
	NotBefore      time.Time
	ExpiresAt      time.Time
	// Other holds every remaining claim as name and JSON-ish text, sorted by name.
	Other []Claim
}

// Claim is one claim that has no field of its own in Claims.
type Claim struct {
	Name  string
	Value string
}

// HasRoles reports whether the token carries any application permission.
func (c Claims) HasRoles() bool { return len(c.Roles) > 0 }

// DecodeClaims decodes the payload of a JWT without verifying it.
func DecodeClaims(raw string) (Claims, error) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return Claims{}, errors.New("not a JWT: expected three dot-separated parts")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Claims{}, fmt.Errorf("token payload is not base64url: %w", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(payload, &m); err != nil {
		return Claims{}, fmt.Errorf("token payload is not a JSON object: %w", err)
	}
	var c Claims
	// The claims that are read one plain way into a field of their own; aud
	// and appid/azp need more care and have a case each below.
	texts := map[string]*string{"iss": &c.Issuer, "tid": &c.TenantID, "app_displayname": &c.AppDisplayName, "idtyp": &c.IDType}
	lists := map[string]*[]string{"roles": &c.Roles, "wids": &c.WIDs}
	times := map[string]*time.Time{"iat": &c.IssuedAt, "nbf": &c.NotBefore, "exp": &c.ExpiresAt}
	for name, v := range m {
		switch name {
		case "aud":
			c.Audience = stringOrFirst(v)
		case "appid", "azp":
			// v1.0 tokens say appid, v2.0 tokens say azp; keep the first seen
			// but prefer appid when both exist.
			if c.AppID == "" || name == "appid" {
				c.AppID = stringValue(v)
			}
			if name == "azp" {
				c.Other = append(c.Other, Claim{name, rawText(v)})
			}
		default:
			if p := texts[name]; p != nil {
				*p = stringValue(v)
			} else if p := lists[name]; p != nil {
				*p = stringList(v)
			} else if p := times[name]; p != nil {
				*p = unixTime(v)
			} else {
				c.Other = append(c.Other, Claim{name, rawText(v)})
			}
		}
	}
	sort.Strings(c.Roles)
	sort.Slice(c.Other, func(i, j int) bool { return c.Other[i].Name < c.Other[j].Name })
	return c, nil
}

func stringValue(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return rawText(v)
}

// stringOrFirst reads aud, which may be a string or a list of strings.
func stringOrFirst(v json.RawMessage) string {
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return strings.Join(list, " ")
	}
	return stringValue(v)
}

func stringList(v json.RawMessage) []string {
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return list
	}
	if s := stringValue(v); s != "" {
		return strings.Fields(s)
	}
	return nil
}

func unixTime(v json.RawMessage) time.Time {
	var f float64
	if json.Unmarshal(v, &f) != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 || f > 1e11 {
		return time.Time{}
	}
	return time.Unix(int64(f), 0)
}

func rawText(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// Delegated reports a user's token: it has a non-empty scp claim.
func (c Claims) Delegated() bool {
	for _, o := range c.Other {
		if o.Name == "scp" && strings.TrimSpace(o.Value) != "" {
			return true
		}
	}
	return false
}

// Fields are the single-valued text claims that have a field of their own,
// with their JWT names, in the order jwt.ms shows them. Every place that
// lists the claims (the CLI, the support bundle) reads this one list.
func (c Claims) Fields() []Claim {
	return []Claim{
		{"aud", c.Audience},
		{"iss", c.Issuer},
		{"tid", c.TenantID},
		{"appid", c.AppID},
		{"app_displayname", c.AppDisplayName},
		{"idtyp", c.IDType},
	}
}

// TimeClaim is a claim that holds a time: iat, nbf or exp.
type TimeClaim struct {
	Name string
	At   time.Time // zero when the token lacks it
}

// Times are the time claims with their JWT names, in jwt.ms order.
func (c Claims) Times() []TimeClaim {
	return []TimeClaim{{"iat", c.IssuedAt}, {"nbf", c.NotBefore}, {"exp", c.ExpiresAt}}
}
