package ui

import (
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// Test helpers for the picker, the profile form and the confirm dialog.
// Names start with pt to stay clear of other panes' test helpers.

const ptConfig = "/home/dev/.config/graphtui/config.toml"

// ptProfiles are shaped like the demo tenant's story profiles.
func ptProfiles() []profiles.Profile {
	src := func(line int) profiles.Position { return profiles.Position{File: ptConfig, Line: line} }
	return []profiles.Profile{
		{Name: "contoso-reader", Tenant: "contoso.onmicrosoft.com", ClientID: "c24b77a7-1f2c-43e5-b900-c406650b9dbd", ClientSecret: "file:/tmp/demo/contoso-reader.secret", Source: src(6)},
		{Name: "contoso-cert", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "7781e3dd-c8a3-4b96-887c-0b1372b2dcc1", Certificate: "/tmp/demo/contoso-cert.pem", Source: src(14)},
		{Name: "no-consent", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "97d6378b-68c1-4916-ab56-b42687a1f46d", ClientSecret: "env:NO_CONSENT_SECRET", Source: src(22)},
		{Name: "wrong-role", Tenant: "fabrikam.onmicrosoft.us", ClientID: "10ce19aa-b3d7-4c92-9651-6f2659908000", ClientSecret: "keyring:wrong-role", Cloud: profiles.CloudUSGov, Source: src(30)},
		{Name: "mail-blocked", Tenant: "5e1f7a2b-0c3d-4e5f-8a9b-1c2d3e4f5a6b", ClientID: "05720cbf-8558-4206-a146-95246d496703", ClientSecret: "cmd:pass show mail", Cloud: profiles.CloudChina, Source: src(38)},
		{Name: "wrong-secret", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "63599341-76ac-48f9-9759-26c154632cc4", ClientSecret: "file:/tmp/demo/wrong-secret.secret", Source: src(46)},
	}
}

// ptEnvProfile is the implicit profile built from AZURE_* variables.
func ptEnvProfile() profiles.Profile {
	return profiles.Profile{Name: profiles.EnvProfileName, Tenant: "contoso.onmicrosoft.com", ClientID: "c24b77a7-1f2c-43e5-b900-c406650b9dbd", ClientSecret: "env:AZURE_CLIENT_SECRET"}
}

// ptNow is the clock the picker tests read: 14:10 local time.
var ptNow = time.Date(2025, 3, 14, 14, 10, 0, 0, time.Local)

func ptToken(name string, expires time.Time, roles ...string) *auth.Token {
	return &auth.Token{Profile: name, ExpiresOn: expires, Claims: auth.Claims{Roles: roles}}
}
