#!/usr/bin/env bash
# The side-by-side CPU benchmark in one command, from a clean clone (Linux; needs the .NET SDK, node and npm):
# installs aimock into benchmarks/aimock/ (npm ci, pinned by its package-lock.json), builds the harness in Release,
# publishes the fake and the relay as they ship (ReadyToRun, for this machine's runtime) into artifacts/bench/, and
# runs `bench` on them, passing on any option (see `bench --help`).
# Exit code: bench's (0 every target met, 3 a target missed or a capacity sweep inconclusive, 1 bad input or a server
# that would not start; docs/load.md#exit-codes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npm ci --prefix benchmarks/aimock --no-audit --no-fund --loglevel=error
dotnet build src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release --nologo -v quiet
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
for app in FakeOllama Relay; do
  dotnet publish "src/StreamingHarness.$app/StreamingHarness.$app.csproj" -c Release -r "$rid" --self-contained false \
    -o "artifacts/bench/$app" --nologo -v quiet
done
export LOADTEST_FAKE_DLL="$root/artifacts/bench/FakeOllama/StreamingHarness.FakeOllama.dll"
export LOADTEST_RELAY_DLL="$root/artifacts/bench/Relay/StreamingHarness.Relay.dll"
exec dotnet src/StreamingHarness.Harness/bin/Release/net10.0/StreamingHarness.Harness.dll bench "$@"
