#!/usr/bin/env bash
# The side-by-side CPU benchmark in one command, from a clean clone (Linux; needs the .NET SDK, node and npm):
# installs aimock into benchmarks/aimock/ (npm ci, pinned by its package-lock.json), builds the harness in Release,
# publishes the fake (Native AOT), the relay and the harness (ReadyToRun; and Native AOT for the fresh-harness row) for
# this machine's runtime, into artifacts/bench/, and runs `bench` from there, passing on any option (see `bench --help`).
# Exit code: bench's (0 every target met, 3 a target missed or a capacity sweep inconclusive, 1 bad input or a server
# that would not start; docs/load.md#exit-codes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npm ci --prefix benchmarks/aimock --no-audit --no-fund --loglevel=error
dotnet build src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release --nologo -v quiet
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet publish src/StreamingHarness.Relay/StreamingHarness.Relay.csproj -c Release -r "$rid" --self-contained false \
  -o artifacts/bench/Relay --nologo -v quiet
# The fake is Native AOT: a fresh one answers first in a tenth of the ReadyToRun one's CPU (docs/performance.md, "The
# fake's first answer"). Its native link needs clang; Debian's versioned clang-NN does when there is no plain `clang`.
# Without any, the fake is published ReadyToRun as the relay is.
linker=$(command -v clang || compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -V | tail -n 1 || true)
if [[ -n "$linker" ]]; then
  dotnet publish src/StreamingHarness.FakeOllama/StreamingHarness.FakeOllama.csproj -c Release -r "$rid" \
    -p:PublishAot=true -p:CppCompilerAndLinker="$linker" -o artifacts/bench/FakeOllama-aot --nologo -v quiet
  export LOADTEST_FAKE_DLL="$root/artifacts/bench/FakeOllama-aot/StreamingHarness.FakeOllama"
else
  echo "side-by-side.sh: no clang found (apt-get install clang): the fake is published ReadyToRun, not Native AOT" >&2
  dotnet publish src/StreamingHarness.FakeOllama/StreamingHarness.FakeOllama.csproj -c Release -r "$rid" \
    --self-contained false -o artifacts/bench/FakeOllama --nologo -v quiet
  export LOADTEST_FAKE_DLL="$root/artifacts/bench/FakeOllama/StreamingHarness.FakeOllama.dll"
fi
export LOADTEST_RELAY_DLL="$root/artifacts/bench/Relay/StreamingHarness.Relay.dll"
# The harness too, ReadyToRun as the tool ships it: the bench itself, its floor and relay floor run from there.
dotnet publish src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release -r "$rid" --self-contained false \
  -o artifacts/bench/Harness --nologo -v quiet
# The fresh-harness cold row starts the harness Native AOT when clang is there: its first 2 s cost 1.0-1.2x its warm
# cost, against 2.9-4.4x ReadyToRun (docs/performance.md, "The fresh harness, published four ways").
if [[ -n "$linker" ]]; then
  dotnet publish src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release -r "$rid" \
    -p:PublishAot=true -p:CppCompilerAndLinker="$linker" -o artifacts/bench/Harness-aot --nologo -v quiet
  export LOADTEST_HARNESS="$root/artifacts/bench/Harness-aot/StreamingHarness.Harness"
fi
exec dotnet artifacts/bench/Harness/StreamingHarness.Harness.dll bench "$@"
