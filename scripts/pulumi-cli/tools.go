//go:build tools

// Package tools pins the Pulumi CLI main package so that `go mod tidy` keeps
// its whole module graph in go.mod/go.sum; it is never compiled.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
