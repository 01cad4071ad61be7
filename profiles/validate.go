package profiles

import (
	"crypto/x509"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/graphtui/graphtui/internal/fileio"
)

// Validate checks p with the same rules Load applies to each profile in the
// file. Relative paths are taken relative to the working directory. The
// error, if any, is an Errors listing every problem.
func (p Profile) Validate() error {
	return validateProfile(p, "", newFileChecks()).orNil()
}

var (
	guidPattern   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	guidAttempt   = regexp.MustCompile(`^[{}0-9a-fA-F-]{8,}$`)
	domainPattern = regexp.MustCompile(`^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	labelPattern  = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	namePattern   = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	envVarPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// armIdentityPattern is a user-assigned identity's ARM resource id.
	armIdentityPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.managedidentity/userassignedidentities/[^/]+$`)
)

const msgNoCredential = `has no credential; add client_secret = "env:NAME" (or a cmd:, file: or keyring: reference), certificate = "path/to/cert.pem" ` +
	`or federated_token = "file:PATH"; or use managed_identity = "system" or access_token = "cmd:..." instead of tenant and client_id`

// cloudNames lists the clouds in a fixed order for messages.
var cloudNames = []Cloud{CloudGlobal, CloudUSGov, CloudUSGovDoD, CloudChina}

// validateProfile returns every problem with p, each naming its key. File and
// line are left for the caller, which knows where p came from. files keeps
// what is learnt about each file for the other profiles of the same Load.
func validateProfile(p Profile, baseDir string, files *fileChecks) Errors {
	var errs Errors
	bad := func(key, format string, args ...any) {
		errs = append(errs, &ConfigError{Profile: p.Name, Key: key, Message: fmt.Sprintf(format, args...)})
	}

	switch {
	case p.Name == "":
		bad("", "the profile has no name; give it one made of letters, digits, '-', '_' or '.'")
	case !namePattern.MatchString(p.Name):
		bad("", "a profile name may use only letters, digits, '-', '_' and '.'; rename it, e.g. [profiles.contoso-reader]")
	}

	switch p.Kind() {
	case KindManagedIdentity:
		validateManagedIdentity(p, bad)
	case KindAccessToken:
		validateAccessToken(p, bad)
	default:
		validateApp(p, baseDir, files, bad)
	}

	if p.Cloud != "" {
		if _, ok := Clouds[p.Cloud]; !ok {
			bad(keyCloud, "unknown cloud %q; use one of: %s (or leave it out for global)", p.Cloud, joinClouds())
		}
	}
	if msg := checkHost(p.AuthorityHost); msg != "" {
		bad(keyAuthorityHost, "%s", msg)
	}
	if msg := checkHost(p.GraphHost); msg != "" {
		bad(keyGraphHost, "%s", msg)
	}
	if p.Scope != "" && (strings.ContainsAny(p.Scope, " \t") || !strings.HasSuffix(p.Scope, "/.default")) {
		bad(keyScope, "app-only tokens need one scope ending in /.default, like https://graph.microsoft.com/.default; fix it or remove scope to use the Graph host's default")
	}
	if p.APIVersion != "" && p.APIVersion != "v1.0" && p.APIVersion != "beta" {
		bad(keyAPIVersion, `must be "v1.0" or "beta"`)
	}
	if p.CAFile != "" {
		if msg := files.caFile(resolveFile(p.CAFile, baseDir)); msg != "" {
			bad(keyCAFile, "%s", msg)
		}
	}
	return errs
}

func checkTenant(t string) string {
	lower := strings.ToLower(t)
	switch {
	case t == "":
		return `missing; set tenant = "<Directory (tenant) ID>" or a verified domain such as "contoso.onmicrosoft.com"`
	case lower == "common" || lower == "organizations" || lower == "consumers":
		return fmt.Sprintf("%q cannot issue app-only tokens; use your tenant's Directory (tenant) ID or one of its domains", t)
	case guidAttempt.MatchString(t) && !strings.Contains(t, "."):
		if guidPattern.MatchString(t) {
			return ""
		}
		return "looks like a tenant ID but is not a valid GUID (8-4-4-4-12 hex digits); copy the Directory (tenant) ID from the app registration's Overview page"
	case domainPattern.MatchString(t) && len(t) <= 253:
		return ""
	case labelPattern.MatchString(t):
		return fmt.Sprintf("must be a tenant ID (GUID) or a full domain; did you mean %q?", t+".onmicrosoft.com")
	}
	return "must be a tenant ID (GUID) or a domain such as contoso.onmicrosoft.com"
}

// Secret reference prefixes.
const (
	refEnv     = "env:"
	refCmd     = "cmd:"
	refFile    = "file:"
	refKeyring = "keyring:"
)

// checkReference explains what is wrong with a secret reference. It never
// repeats the value: a malformed reference may be the secret itself.
func checkReference(ref string) string {
	kind, rest, ok := splitReference(ref)
	if !ok {
		return `looks like a plain-text secret (the value is not shown); graphtui does not keep secrets in its config file. ` +
			`Store the secret elsewhere and reference it: "env:VAR", "cmd:COMMAND ARGS", "file:PATH" or "keyring:NAME". ` +
			`If the file was shared, rotate the secret`
	}
	if strings.TrimSpace(rest) == "" {
		return fmt.Sprintf("the %q reference is empty; write what follows the colon, e.g. %q", kind, exampleRef(kind))
	}
	switch kind {
	case refEnv:
		if !envVarPattern.MatchString(rest) {
			return `"env:" must be followed by an environment variable name (letters, digits and _), e.g. "env:CONTOSO_SECRET"`
		}
	case refCmd:
		if _, err := splitCommand(rest); err != nil {
			return fmt.Sprintf(`the "cmd:" reference cannot be split into a command and arguments: %v`, err)
		}
	}
	return ""
}

func splitReference(ref string) (kind, rest string, ok bool) {
	for _, k := range []string{refEnv, refCmd, refFile, refKeyring} {
		if rest, found := strings.CutPrefix(ref, k); found {
			return k, rest, true
		}
	}
	return "", "", false
}

func exampleRef(kind string) string {
	switch kind {
	case refEnv:
		return "env:CONTOSO_SECRET"
	case refCmd:
		return "cmd:pass show contoso/app"
	case refFile:
		return "file:~/.secrets/contoso"
	}
	return "keyring:contoso-reader"
}

// checkHost accepts a scheme+host(+port) URL, or a bare host meaning https.
// Plain http is refused except on loopback, where the demo tenant and local
// mocks live: anywhere else it would send the token in clear text.
func checkHost(h string) string {
	if h == "" {
		return ""
	}
	u, err := url.Parse(normalizeHost(h))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "is not a valid host; write a URL such as https://graph.microsoft.com"
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "must be only a scheme and host (and port), like https://graph.microsoft.com; remove the rest (the API version belongs in api_version)"
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if IsLoopback(u.Hostname()) {
			return ""
		}
		return "uses plain http, which would send the token unencrypted; use https:// (http is allowed only for loopback: localhost, 127.0.0.0/8, ::1)"
	}
	return fmt.Sprintf("has scheme %q; use https://", u.Scheme)
}

// checkReadable says why a file cannot be read, or "" if it can.
func checkReadable(path string) string {
	if err := fileio.CheckRegular(path); err != nil {
		return fmt.Sprintf("cannot read %s: %v", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("cannot read %s: %s", path, fileio.Reason(err))
	}
	f.Close()
	return ""
}

// maxCertFile bounds certificate and CA files: real ones are a few KiB.
const maxCertFile = 4 << 20

// fileChecks remembers, by path, what validation found about each file, so
// that profiles sharing a ca_file or certificate (a fleet of tenants behind
// one proxy) have it read and parsed once per Load, not once each.
type fileChecks struct {
	read  func(path string, max int64) ([]byte, error) // fileio.ReadRegular; tests count the calls
	found map[string]string                            // "ca:" or "readable:" + path → problem, "" if none
}

func newFileChecks() *fileChecks {
	return &fileChecks{read: fileio.ReadRegular, found: map[string]string{}}
}

func (c *fileChecks) once(key string, check func() string) string {
	msg, ok := c.found[key]
	if !ok {
		msg = check()
		c.found[key] = msg
	}
	return msg
}

func (c *fileChecks) readable(path string) string {
	return c.once("readable:"+path, func() string { return checkReadable(path) })
}

func (c *fileChecks) caFile(path string) string {
	return c.once("ca:"+path, func() string { return checkCAFile(path, c.read) })
}

func checkCAFile(path string, read func(string, int64) ([]byte, error)) string {
	data, err := read(path, maxCertFile)
	if err != nil {
		return fmt.Sprintf("cannot read %s: %v; fix the path (a relative path is relative to the config file's directory)", path, err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(data) {
		return fmt.Sprintf("%s holds no PEM certificate; point ca_file at a PEM file with -----BEGIN CERTIFICATE----- blocks", path)
	}
	return ""
}

func joinClouds() string {
	names := make([]string, len(cloudNames))
	for i, c := range cloudNames {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
