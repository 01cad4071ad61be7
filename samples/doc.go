// Package samples is graphtui's catalogue of sample queries: the GET
// requests of the Microsoft Graph v1.0 API reference's examples that an
// app can call, each with its least-privileged application permission and
// its workload. The catalogue is generated from the docs' examples (see
// THIRD_PARTY_NOTICES.md) and embedded; the permissions come from the
// permissions package at run time, so the two never disagree.
package samples

//go:generate go run ./internal/gen
