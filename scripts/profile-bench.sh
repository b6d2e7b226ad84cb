#!/usr/bin/env bash
# Where the CPU of a paced token goes: runs `bench` (aimock left out) and, during one server's paced phase, samples that
# process for 10 s. The profiles behind docs/performance.md came from this script.
#   scripts/profile-bench.sh <fake|relay|probes> [cpu|alloc]
#     cpu    perf record -g (needs Linux perf and root or perf_event_paranoid <= 1); prints the top symbols, with
#            managed frames named through the runtime's perf map
#     alloc  dotnet-trace's gc-verbose profile (allocation ticks with stacks), kept as a .nettrace file to open in
#            PerfView or `dotnet-trace report`; installs dotnet-trace as a global tool if it is missing
# Output: $OUT (default /tmp/profile-bench-<timestamp>/): bench.out, <server>.data or <server>.nettrace, report.txt.
# Exit code: 0 profiled, 2 bad input, 1 the server's phase was never reached.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-}
kind=${2:-cpu}
case "$target:$kind" in
  fake:cpu|relay:cpu|probes:cpu|fake:alloc|relay:alloc|probes:alloc) ;;
  *) sed -n 2,10p "$0" >&2; exit 2 ;;
esac
out=${OUT:-/tmp/profile-bench-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
dotnet build src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release --nologo -v quiet >/dev/null

# Managed frames need the runtime's perf map, and W^X double mapping off so that perf can read the JIT's code.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet src/StreamingHarness.Harness/bin/Release/net10.0/StreamingHarness.Harness.dll bench --aimock none \
  --reports "$out" >"$out/bench.out" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT

wait_for() { # the bench's progress line, or exit 1 when the bench ended first
  until grep -q "$1" "$out/bench.out"; do
    kill -0 $bench 2>/dev/null || { echo "bench ended before: $1" >&2; exit 1; }
    sleep 0.3
  done
}

wait_for "measuring floor, unpaced"
case "$target" in
  fake) pid=$(pgrep -f "[S]treamingHarness.FakeOllama.dll" | while read -r p; do
          grep -q buffered "/proc/$p/cmdline" || echo "$p"; done | head -1)
        phase="measuring fake, paced" ;;
  relay) pid=$(pgrep -f "[S]treamingHarness.Relay.dll" | head -1); phase="measuring relay, paced" ;;
  probes) pid=$bench; phase="measuring the harness's probes" ;;
esac
wait_for "$phase"
sleep 3 # past the streams' start
if [ "$kind" = cpu ]; then
  perf record -F 499 -g -p "$pid" -o "$out/$target.data" -- sleep 10 >/dev/null 2>&1
  { perf report -i "$out/$target.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | head -12
    perf report -i "$out/$target.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | head -60
  } | cut -c1-220 >"$out/report.txt"
else
  trace=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
  [ -x "$trace" ] || dotnet tool install -g dotnet-trace >/dev/null
  "$trace" collect -p "$pid" --profile gc-verbose --duration 00:00:00:10 -o "$out/$target.nettrace" >"$out/report.txt" 2>&1
fi
wait $bench || true
trap - EXIT
echo "profile: $out"
