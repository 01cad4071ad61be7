package profiles

import "testing"

func TestEnvProfile(t *testing.T) {
	const tenant, client = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
	ids := func(extra map[string]string) map[string]string {
		m := map[string]string{"AZURE_TENANT_ID": tenant, "AZURE_CLIENT_ID": client}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name string
		env  map[string]string
		ok   bool
		want Profile
	}{
		{"nothing set", map[string]string{}, false, Profile{}},
		{"ids without credential", ids(nil), false, Profile{}},
		{"secret without client id", map[string]string{"AZURE_TENANT_ID": tenant, "AZURE_CLIENT_SECRET": "x"}, false, Profile{}},
		{"secret", ids(map[string]string{"AZURE_CLIENT_SECRET": "s3cr3t"}), true,
			Profile{Name: "env", Tenant: tenant, ClientID: client, ClientSecret: "env:AZURE_CLIENT_SECRET"}},
		{"certificate with password", ids(map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": "/certs/app.pfx", "AZURE_CLIENT_CERTIFICATE_PASSWORD": "pw"}), true,
			Profile{Name: "env", Tenant: tenant, ClientID: client, Certificate: "/certs/app.pfx", CertificatePassword: "env:AZURE_CLIENT_CERTIFICATE_PASSWORD"}},
		{"secret wins over certificate, as in the Azure SDKs", ids(map[string]string{"AZURE_CLIENT_SECRET": "s", "AZURE_CLIENT_CERTIFICATE_PATH": "/c.pem"}), true,
			Profile{Name: "env", Tenant: tenant, ClientID: client, ClientSecret: "env:AZURE_CLIENT_SECRET"}},
		{"known authority host selects the cloud", ids(map[string]string{"AZURE_CLIENT_SECRET": "s", "AZURE_AUTHORITY_HOST": "https://login.chinacloudapi.cn/"}), true,
			Profile{Name: "env", Tenant: tenant, ClientID: client, ClientSecret: "env:AZURE_CLIENT_SECRET", Cloud: CloudChina}},
		{"other authority host is an override", ids(map[string]string{"AZURE_CLIENT_SECRET": "s", "AZURE_AUTHORITY_HOST": "https://127.0.0.1:8443"}), true,
			Profile{Name: "env", Tenant: tenant, ClientID: client, ClientSecret: "env:AZURE_CLIENT_SECRET", AuthorityHost: "https://127.0.0.1:8443"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := EnvProfile(fakeEnv(tc.env))
			if ok != tc.ok || got != tc.want {
				t.Errorf("got %+v, %v\nwant %+v, %v", got, ok, tc.want, tc.ok)
			}
			if ok && got.ClientSecret != "" {
				if err := got.Validate(); err != nil {
					t.Errorf("the env profile should be valid: %v", err)
				}
			}
		})
	}
}
