#!/usr/bin/env bash
# Load beyond one process, on one machine: starts one fake Ollama, runs N shard processes of one load against it
# with a common --start-at, then merges their reports (docs/load.md, "Load beyond one machine").
#   scripts/shards-demo.sh [N=2] [extra load options, e.g. -c 64 -d 20s -m load-fast]
# Environment: CONFIGURATION (Release), PORT (18434), OUT (reports/shards-demo-<timestamp>), START_IN (seconds, 15).
# Exit code: merge's (0 the merged report passed, 1 failed, 2 bad input), or the first shard's that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
shards=${1:-2}
shift || true
configuration=${CONFIGURATION:-Release}
port=${PORT:-18434}
out=${OUT:-reports/shards-demo-$(date -u +%Y%m%d-%H%M%S)}
bin=bin/$configuration/net10.0

dotnet build -c "$configuration" src/StreamingHarness.Harness -v q -nologo >/dev/null
harness=(dotnet "src/StreamingHarness.Harness/$bin/StreamingHarness.Harness.dll")

dotnet "src/StreamingHarness.FakeOllama/$bin/StreamingHarness.FakeOllama.dll" \
  --urls "http://127.0.0.1:$port" --scenarios scenarios >"${TMPDIR:-/tmp}/shards-demo-fake.log" 2>&1 &
fake=$!
trap 'kill "$fake" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$port/api/version" >/dev/null && break
  kill -0 "$fake" 2>/dev/null || { echo "the fake did not start: see ${TMPDIR:-/tmp}/shards-demo-fake.log" >&2; exit 2; }
  sleep 0.2
done

start_at=$(date -u -d "+${START_IN:-15} seconds" +%Y-%m-%dT%H:%M:%SZ)
echo "fake on :$port; $shards shards start at $start_at; reports in $out/"
mkdir -p "$out/logs"
pids=()
for ((i = 0; i < shards; i++)); do
  "${harness[@]}" --fake-url "http://127.0.0.1:$port" -t fake -m load-20ms -c 8 -d 5s --warmup 1s --no-live \
    --name demo --reports "$out/shards" --shard-index "$i" --shard-count "$shards" --start-at "$start_at" "$@" \
    >"$out/logs/shard-$i.log" 2>&1 &
  pids+=($!)
done
for ((i = 0; i < shards; i++)); do
  wait "${pids[$i]}" || { code=$?; echo "shard $i exited $code: see $out/logs/shard-$i.log" >&2; exit "$code"; }
done

"${harness[@]}" merge "$out"/shards/* --out "$out/merged"
