package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// Each identity kind the form offers becomes a profile with exactly its
// keys in the config file.
func TestProfileFormCreatesEachIdentityKind(t *testing.T) {
	cases := []struct {
		name   string
		rights int  // presses of → on the kind row, from the keyring kind
		app    bool // the kind asks for tenant and client id
		value  string
		want   []string // lines in the written config
		absent []string
	}{
		{"mi-host", 3, false, "system",
			[]string{`managed_identity = "system"`}, []string{"tenant", "client_id", "client_secret"}},
		{"ci-deploy", 4, true, "file:/var/run/secrets/azure/tokens/azure-identity-token",
			[]string{`tenant = "` + ptTenant + `"`, `client_id = "` + ptClientID + `"`, `federated_token = "file:/var/run/secrets/azure/tokens/azure-identity-token"`},
			[]string{"client_secret", "managed_identity"}},
		{"from-az", 5, false, "cmd:az account get-access-token --query accessToken -o tsv",
			[]string{`access_token = "cmd:az account get-access-token --query accessToken -o tsv"`}, []string{"tenant", "client_id", "client_secret"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newTestForm(nil, true)
			ptFill(f, c.name) // the kind row is focused now
			for range c.rights {
				f.Update(keyPress("right"))
			}
			shown := f.fields()
			hasTenant := false
			for _, ff := range shown {
				hasTenant = hasTenant || ff == fieldTenant
			}
			if hasTenant != c.app {
				t.Fatalf("kind %q: tenant row shown = %v, want %v", credKindLabels[f.kind], hasTenant, c.app)
			}
			f.Update(keyPress("tab"))
			typeKeys(f, c.value)
			msgs := ptSubmit(t, f)
			if len(msgs) != 1 {
				t.Fatalf("want a save, got %#v (errors %v, general %v)", msgs, f.errs, f.general)
			}
			saved := msgs[0].(saveProfileMsg)

			cfg := filepath.Join(t.TempDir(), "config.toml")
			s := testSession(t, session.Options{Config: cfg})
			if err := s.SaveProfile(saved.OldName, saved.Profile, saved.Secret); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("config lacks %q:\n%s", w, text)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(text, a+" =") {
					t.Errorf("config should not set %s:\n%s", a, text)
				}
			}
			loaded, err := profiles.Load(cfg)
			if err != nil || len(loaded.Profiles) != 1 {
				t.Fatalf("the written profile does not load: %v", err)
			}
		})
	}
}

// A token pasted where its reference belongs does not stay on screen.
func TestProfileFormMasksAPastedToken(t *testing.T) {
	f := newTestForm(nil, true)
	ptFill(f, "from-az")
	f.Update(keyPress("left")) // keyring → access token, wrapping around
	f.Update(keyPress("tab"))
	const tok = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature"
	typeKeys(f, tok)
	if view := f.View(); strings.Contains(view, "eyJ0eXAi") {
		t.Fatalf("the token is on screen:\n%s", view)
	}
}

// Editing a profile whose credential is one key shows its kind and value,
// and saves the value back under the same key.
func TestProfileFormEditsEachOneKeyKind(t *testing.T) {
	for _, tc := range []struct {
		p     profiles.Profile
		kind  credKind
		field formField
		value string
	}{
		{profiles.Profile{Name: "mi", ManagedIdentity: "system"}, credManagedIdentity, fieldManagedIdentity, "system"},
		{profiles.Profile{Name: "fed", Tenant: "t", ClientID: "c", FederatedToken: "file:/run/token"}, credFederated, fieldFederatedToken, "file:/run/token"},
		{profiles.Profile{Name: "at", AccessToken: "env:GRAPH_TOKEN"}, credAccessToken, fieldAccessToken, "env:GRAPH_TOKEN"},
	} {
		f := newTestForm(&tc.p, true)
		if f.kind != tc.kind || f.inputs[tc.field].Value() != tc.value {
			t.Fatalf("%s: kind %d value %q", tc.p.Name, f.kind, f.inputs[tc.field].Value())
		}
		if got := f.build(); got != tc.p {
			t.Errorf("%s: saved %+v, want %+v", tc.p.Name, got, tc.p)
		}
	}
}
