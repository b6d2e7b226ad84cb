#!/usr/bin/env bash
# The side-by-side CPU benchmark in one command, from a clean clone (Linux; needs the .NET SDK, node and npm):
# installs aimock into benchmarks/aimock/ (npm ci, pinned by its package-lock.json), builds the harness, the fake
# and the relay in Release, and runs `bench`, passing on any option (see `bench --help`).
# Exit code: bench's (0 every target met, 1 a target missed, 2 bad input or a server that would not start).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npm ci --prefix benchmarks/aimock --no-audit --no-fund --loglevel=error
dotnet build src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release --nologo -v quiet
exec dotnet src/StreamingHarness.Harness/bin/Release/net10.0/StreamingHarness.Harness.dll bench "$@"
