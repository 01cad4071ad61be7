package doctor

// Kind names a class of failure. The values are stable: the TUI, the
// matrix's --json output and scripts match on them.
type Kind string

const (
	KindNoRoles         Kind = "no-roles"          // token without roles: no admin consent
	KindMissingRole     Kind = "missing-role"      // roles, but none the endpoint accepts
	KindExchangePolicy  Kind = "exchange-policy"   // accepted role, mailbox fenced off by Exchange
	KindSitesSelected   Kind = "sites-selected"    // Sites.Selected without a grant on this site
	KindTeamsRSC        Kind = "teams-rsc"         // team or chat decided by resource-specific consent
	KindResourceScoped  Kind = "resource-scoped"   // accepted role, the resource itself refused
	KindWrongAudience   Kind = "wrong-audience"    // token for another API
	KindExpiredToken    Kind = "expired-token"     // exp in the past
	KindWrongCloud      Kind = "wrong-cloud"       // token from one national cloud sent to another's Graph
	KindInvalidToken    Kind = "invalid-token"     // 401 for a token that looks right: signature or issuer
	KindClaimsChallenge Kind = "claims-challenge"  // 401 insufficient_claims: revoked by continuous access evaluation
	KindMeWithAppToken  Kind = "me-with-app-token" // /me has no user under app-only access
	KindNotAppCallable  Kind = "not-app-callable"  // the endpoint has no application permission at all
	KindNoLicense       Kind = "no-license"        // the user has no licence for the service behind the endpoint
	KindTeamsMigration  Kind = "teams-migration"   // app-only message posts in Teams are for importing (migration) only
	KindDirectoryRole   Kind = "directory-role"    // the permission is there; a privileged user or password also needs a directory role
	KindTokenError      Kind = "token-error"       // no token: AADSTS error or credential not loadable
	KindUnknown         Kind = "unknown"           // refused, with no specific explanation
)
