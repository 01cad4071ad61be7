// Package permissions is graphtui's reference of Microsoft Graph
// application permissions: for a method on a path, which app roles allow
// it, alone or only together (AlsoRequires), and which are least
// privileged; and, the other way round, what one app role allows. The
// index is generated from the public permissions reference (see
// THIRD_PARTY_NOTICES.md) and embedded.
//
// Least privileged, per method, is decided by the generator (see
// internal/gen/rank.go): tenant-wide permissions before resource-specific
// consent ones, then the reference's least= flag for Application (only where
// it is about that method: a pathSet for it alone, or in a mixed pathSet
// with GET a read-only name for GET and a writing one for the others),
// then its delegated least= flag as a hint, then single-method pathSets,
// then read-only names (Read*, without Write), then lower privilege level.
package permissions

//go:generate go run ./internal/gen
