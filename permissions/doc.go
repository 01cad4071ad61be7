// Package permissions is graphtui's reference of Microsoft Graph
// application permissions: for a GET path, which app roles allow it and
// which of them are least privileged. The index is generated from the
// public permissions reference (see THIRD_PARTY_NOTICES.md) and embedded.
package permissions
