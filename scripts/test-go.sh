#!/usr/bin/env bash
# Vets and tests the Go code under scripts/pulumi-cli (the project's Node.js language host): the
# argv/env it gives @pulumi/pulumi/cmd/run pinned against Pulumi's own host, strict flag and option
# parsing, stopping a program's process group (SIGINT, then SIGKILL), and exiting (stopping the
# provider plugins the engine left) when the engine is gone. The process tests run real `node`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/pulumi-cli"
command -v go >/dev/null || { echo "test-go: no Go toolchain (needed to build and test the language host)" >&2; exit 1; }
# -trimpath as ensure-pulumi.sh builds: the flag is part of the build cache key, so the dependencies
# compiled for the CLI are reused instead of compiled a second time.
go vet -trimpath ./...
go test -trimpath -count=1 ./...
