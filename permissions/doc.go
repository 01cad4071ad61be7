// Package permissions is graphtui's reference of Microsoft Graph
// application permissions: for a GET path, which app roles allow it and
// which of them are least privileged. The index is generated from the
// public permissions reference (see THIRD_PARTY_NOTICES.md) and embedded.
//
// Least privileged, for GET, is decided by the generator (see
// internal/gen/rank.go): tenant-wide permissions before resource-specific
// consent ones, then the reference's least= flag for Application (only where
// it is about GET: a GET-only pathSet, or a read-only name), then its
// delegated least= flag as a hint, then GET-only pathSets, then read-only
// names (Read*, without Write), then lower privilege level.
package permissions

//go:generate go run ./internal/gen
