package doctor

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// A claims challenge is a 401 whose WWW-Authenticate says
// error="insufficient_claims" and carries claims="<base64 JSON>": under
// continuous access evaluation the token was revoked before it expired,
// or Conditional Access wants something the token lacks. The JSON names
// what a new token must carry, e.g. {"access_token":{"nbf":{...}}}.

// bearerParams returns the parameters of the Bearer challenge in a
// WWW-Authenticate value (several challenges may share one value), with
// lower-cased names. Quoted values are unescaped.
func bearerParams(header string) map[string]string {
	params := map[string]string{}
	scheme := ""
	s := header
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return params
		}
		name := s[:tokenEnd(s)]
		if name == "" { // a stray character: skip it
			s = s[1:]
			continue
		}
		s = strings.TrimLeft(s[len(name):], " \t")
		if !strings.HasPrefix(s, "=") {
			scheme = name // a token not followed by '=' starts a challenge
			continue
		}
		s = strings.TrimLeft(s[1:], " \t")
		var value string
		value, s = paramValue(s)
		if strings.EqualFold(scheme, "Bearer") {
			params[strings.ToLower(name)] = value
		}
	}
}

// tokenEnd is the length of the HTTP token at the start of s.
func tokenEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c >= 0x7f, strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0:
			return i
		}
	}
	return len(s)
}

// paramValue reads a quoted string or a token and returns it with the rest.
func paramValue(s string) (value, rest string) {
	if !strings.HasPrefix(s, `"`) {
		n := strings.IndexAny(s, ", \t")
		if n < 0 {
			n = len(s)
		}
		return s[:n], s[n:]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), "" // unterminated: take what there is
}

// claimsChallenge explains a 401 with a claims challenge; nil otherwise.
func (f *facts) claimsChallenge() *Diagnosis {
	if f.in.GraphError == nil {
		return nil
	}
	params := bearerParams(f.in.GraphError.Challenge)
	if !strings.EqualFold(params["error"], "insufficient_claims") {
		return nil
	}
	p := f.in.Profile
	asked, decoded := describeClaims(params["claims"])
	cause := "Graph refused the token with a claims challenge (continuous access evaluation): the token was revoked before it expired, because the app's credentials or service principal changed, or a Conditional Access location or risk policy now applies to it; or Conditional Access asks for something the token does not carry."
	if decoded {
		cause += " A new token must satisfy: " + asked + "."
	}
	d := &Diagnosis{
		Kind:  KindClaimsChallenge,
		Title: "Graph refused the token with a claims challenge: it needs a new one",
		Cause: cause,
		Next: []string{
			"Get a new token and send the request again: " + command(p.Name, "token", "--refresh") + ", or R in the TUI (new token and retry).",
			"If the new token is refused the same way, a Conditional Access policy keeps this app out from where it runs: an admin finds the policy in the Entra ID sign-in logs (service principal sign-ins) for client_id " + p.ClientID + ".",
		},
	}
	d.Evidence = append(d.Evidence, Evidence{"challenge", `error="insufficient_claims"`})
	switch {
	case decoded:
		d.Evidence = append(d.Evidence, Evidence{"claims asked for", asked})
	case asked != "":
		d.Evidence = append(d.Evidence, Evidence{"claims (not decodable)", asked})
	}
	return d
}

// maxClaimsText bounds what is shown of the claims: a hostile server may
// send anything there.
const maxClaimsText = 200

// describeClaims decodes the claims parameter (base64url or base64 JSON)
// into a short printable list such as "access_token nbf = 1604106651
// (essential; issued after 2020-10-31T01:10:51Z)". When it cannot be
// decoded, it returns a bounded printable excerpt and false.
func describeClaims(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	data, err := decodeBase64(raw)
	if err != nil {
		return bounded(raw), false
	}
	var req map[string]map[string]struct {
		Essential bool              `json:"essential"`
		Value     json.RawMessage   `json:"value"`
		Values    []json.RawMessage `json:"values"`
	}
	if json.Unmarshal(data, &req) != nil {
		return bounded(string(data)), false
	}
	var parts []string
	for _, token := range slices.Sorted(maps.Keys(req)) {
		for _, name := range slices.Sorted(maps.Keys(req[token])) {
			c := req[token][name]
			var values []string
			for _, v := range append([]json.RawMessage{c.Value}, c.Values...) {
				if s := scalar(v); s != "" {
					values = append(values, s)
				}
			}
			part := token + " " + name
			if len(values) > 0 {
				part += " = " + strings.Join(values, ", ")
			}
			var notes []string
			if c.Essential {
				notes = append(notes, "essential")
			}
			if n := claimMeaning(name, values); n != "" {
				notes = append(notes, n)
			}
			if len(notes) > 0 {
				part += " (" + strings.Join(notes, "; ") + ")"
			}
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return bounded(string(data)), false
	}
	return bounded(strings.Join(parts, "; ")), true
}

// claimMeaning says in words what the usual claims ask for.
func claimMeaning(name string, values []string) string {
	switch name {
	case "nbf":
		if len(values) == 1 {
			if sec, err := strconv.ParseInt(values[0], 10, 64); err == nil {
				return "a token issued after " + time.Unix(sec, 0).UTC().Format(time.RFC3339)
			}
		}
		return "a token issued after the revocation"
	case "acrs":
		return "Conditional Access authentication context"
	}
	return ""
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	return base64.RawURLEncoding.DecodeString(s)
}

// scalar renders a JSON string, number or boolean; "" for anything else.
func scalar(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case float64, bool:
		return string(raw)
	}
	return ""
}

// bounded is s made printable and cut to maxClaimsText runes.
func bounded(s string) string {
	s = termsafe.Line(s)
	if r := []rune(s); len(r) > maxClaimsText {
		return string(r[:maxClaimsText]) + "…"
	}
	return s
}
