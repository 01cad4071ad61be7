package doctor

import (
	"encoding/base64"
	"strings"
	"testing"
)

// The challenge Graph sends when continuous access evaluation revoked a
// token: claims decodes to {"access_token":{"nbf":{"essential":true,
// "value":"1604106651"}}}.
const caeChallenge = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0="`

func challenged(header string) Input {
	ge := graphError(401, "InvalidAuthenticationToken", "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
	ge.Challenge = header
	return input(401, "/users", ge, appClaims("User.Read.All"))
}

func TestClaimsChallengeIsNamed(t *testing.T) {
	useReference(t, reference)
	d := Diagnose(challenged(caeChallenge))
	if d == nil || d.Kind != KindClaimsChallenge {
		t.Fatalf("kind = %v, want %s", d, KindClaimsChallenge)
	}
	all := text(d)
	for _, want := range []string{"continuous access evaluation", "revoked", "graphtui token --refresh -p app", "R in the TUI", "sign-in logs"} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnosis lacks %q:\n%s", want, all)
		}
	}
	if got, want := evidence(d, "claims asked for"), "access_token nbf = 1604106651 (essential; a token issued after 2020-10-31T01:10:51Z)"; got != want {
		t.Errorf("claims asked for = %q, want %q", got, want)
	}
	if strings.Contains(all, "eyJhY2Nlc3Nf") {
		t.Errorf("the raw claims blob is shown:\n%s", all)
	}
}

func TestClaimsChallengeAuthenticationContext(t *testing.T) {
	useReference(t, reference)
	claims := base64.RawURLEncoding.EncodeToString([]byte(`{"access_token":{"acrs":{"essential":true,"values":["c1","c2"]}}}`))
	d := Diagnose(challenged(`Bearer error="insufficient_claims", claims="` + claims + `"`))
	if d.Kind != KindClaimsChallenge {
		t.Fatalf("kind = %s", d.Kind)
	}
	if got, want := evidence(d, "claims asked for"), "access_token acrs = c1, c2 (essential; Conditional Access authentication context)"; got != want {
		t.Errorf("claims asked for = %q, want %q", got, want)
	}
}

// The claims come from the server: decoded or not, nothing in them may
// reach the terminal as a control character, and their length is bounded.
func TestClaimsChallengeIsShownSafely(t *testing.T) {
	useReference(t, reference)
	hostile := base64.StdEncoding.EncodeToString([]byte("{\"access_token\":{\"acrs\":{\"value\":\"c1\x1b]0;owned\x07\xc2\x9b2J\"}}}"))
	notBase64 := "\x1b[2J\xc2\x9b" + strings.Repeat("A!", 500)
	for name, claims := range map[string]string{"decoded": hostile, "not base64": notBase64} {
		d := Diagnose(challenged(`Bearer error="insufficient_claims", claims="` + claims + `"`))
		if d.Kind != KindClaimsChallenge {
			t.Fatalf("%s: kind = %s", name, d.Kind)
		}
		shown := evidence(d, "claims asked for") + evidence(d, "claims (not decodable)")
		if shown == "" {
			t.Errorf("%s: the claims are not shown at all", name)
		}
		if strings.ContainsAny(shown, "\x1b\x07\u009b") {
			t.Errorf("%s: control characters reach the screen: %q", name, shown)
		}
		if !strings.Contains(shown, `\x1b`) {
			t.Errorf("%s: the escape should be visible as \\x1b: %q", name, shown)
		}
		if len([]rune(shown)) > maxClaimsText+1 {
			t.Errorf("%s: %d characters of claims shown, want at most %d", name, len([]rune(shown)), maxClaimsText)
		}
	}
}

func TestOtherChallengesAreNotClaimsChallenges(t *testing.T) {
	useReference(t, reference)
	for _, h := range []string{
		`Bearer realm="", error="invalid_token", error_description="The access token is invalid"`,
		`PoP error="insufficient_claims", claims="e30=", Bearer realm=""`,
		``,
	} {
		if d := Diagnose(challenged(h)); d.Kind != KindInvalidToken {
			t.Errorf("%q: kind = %s, want %s", h, d.Kind, KindInvalidToken)
		}
	}
	// The Bearer challenge may come after another scheme's.
	d := Diagnose(challenged(`PoP nonce="x", Bearer realm="", error="insufficient_claims", claims="` + "e30" + `"`))
	if d.Kind != KindClaimsChallenge {
		t.Errorf("Bearer after PoP: kind = %s", d.Kind)
	}
}
