#!/usr/bin/env bash
# The dotnet tool, tested the way a user installs it: pack it into a local folder, install it from there into a
# temporary tool path, then, from a folder outside the repository, run `streamingharness --help`, `fake` with the
# official ollama-js client against it, `relay` in front of it, `verify --profile relay` against the relay, and a short
# `load` (which starts the tool itself as its fake and relay). Needs tests/clients' npm packages (npm ci).
# Every failure names the step and shows the output that explains it; exit 1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
version="0.1.0-ci.$(date +%s)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Each run packs a new version: drop it from NuGet's cache so runs do not pile up there.
  rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/streamingharness/$version"
}
trap cleanup EXIT

fail() {
  echo "tool-smoke: FAILED: $1" >&2
  shift
  for log in "$@"; do echo "--- $log" >&2; tail -n 40 "$log" >&2 || true; done
  exit 1
}

step() { echo "tool-smoke: $1"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Polls the URL until it answers 2xx; gives up at the deadline (seconds) or when the process has exited.
wait_for() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Packed for this machine's platform only (a release packs all six, each ReadyToRun, and the portable `any`).
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
step "pack StreamingHarness $version for $rid and any"
dotnet pack "$repo/src/StreamingHarness.Tool" -c Release -o "$work/feed" -p:Version="$version" -p:ToolRids="$rid" \
  --nologo -v quiet >"$work/pack.log" 2>&1 || fail "dotnet pack src/StreamingHarness.Tool" "$work/pack.log"
for id in StreamingHarness StreamingHarness.$rid StreamingHarness.any; do
  [[ -f "$work/feed/$id.$version.nupkg" ]] || { ls "$work/feed" >>"$work/pack.log"; fail "no $id.$version.nupkg" "$work/pack.log"; }
done

step "install it from the local feed into a temporary tool path"
dotnet tool install --tool-path "$work/tools" --add-source "$work/feed" StreamingHarness --version "$version" \
  >"$work/install.log" 2>&1 || fail "dotnet tool install StreamingHarness $version from $work/feed" "$work/install.log"
sh="$work/tools/streamingharness"
# The install picked the platform's package, and it is precompiled: each of its assemblies carries a ReadyToRun
# header, whose signature is the bytes "RTR\0" (an IL-only assembly has none).
for app in FakeOllama Relay Harness; do
  dll=$(find "$work/tools/.store" -path "*streamingharness.$rid/*" -name "StreamingHarness.$app.dll" | head -n 1)
  [[ -n "$dll" ]] || fail "the install did not pick the $rid package (no StreamingHarness.$app.dll)" "$work/install.log"
  LC_ALL=C grep -q -a -P 'RTR\x00' "$dll" || fail "$dll is not ReadyToRun" "$work/pack.log"
done

# From here on, nothing comes from the repository but the ollama-js client: run where no StreamingHarness.sln is.
mkdir "$work/user" && cd "$work/user"

step "streamingharness --help"
"$sh" --help >"$work/help.log" 2>&1 || fail "streamingharness --help exited non-zero" "$work/help.log"
for command in fake relay load verify; do
  grep -qE "^  $command " "$work/help.log" || fail "streamingharness --help does not list '$command'" "$work/help.log"
done
code=0
"$sh" load --bogus >"$work/bad.log" 2>&1 || code=$?
[[ $code -eq 1 ]] || fail "streamingharness load --bogus: exit code $code instead of 1 (bad input)" "$work/bad.log"

fake_port=$(free_port)
fake="http://127.0.0.1:$fake_port"
step "streamingharness fake on $fake"
"$sh" fake --urls "$fake" --time-scale 0.1 >"$work/fake.log" 2>&1 &
pids+=($!)
wait_for "$fake/api/version" "${pids[-1]}" 60 || fail "the fake did not answer $fake/api/version within 60 s" "$work/fake.log"

step "ollama-js chat against the fake"
node "$repo/tests/clients/ollama-chat.mjs" "$fake" >"$work/ollama-js.log" 2>&1 \
  || fail "the ollama npm client's streamed chat against the tool's fake" "$work/ollama-js.log" "$work/fake.log"
cat "$work/ollama-js.log"

relay_port=$(free_port)
relay="http://127.0.0.1:$relay_port"
step "streamingharness relay on $relay in front of the fake"
# verify's settings for the reference relay (docs/verify.md): idle timeout inside the stall bound (3 s at
# time scale 0.1), no per-client limits (32 concurrent streams come from one client), no waiting out Retry-After.
"$sh" relay --urls "$relay" --upstream "$fake" --no-rate-limits --Relay:Upstream:IdleTimeout=00:00:01 \
  --Relay:Retry:MaxRetryAfter=00:00:00 >"$work/relay.log" 2>&1 &
pids+=($!)
wait_for "$relay/readyz" "${pids[-1]}" 60 || fail "the relay did not become ready ($relay/readyz) within 60 s" "$work/relay.log"

step "streamingharness verify --profile relay against the relay"
"$sh" verify --url "$relay" --profile relay --fake-url "$fake" --time-scale 0.1 --report-dir "$work/verify" \
  >"$work/verify.log" 2>&1 || fail "verify --profile relay against the tool's relay (exit $?)" "$work/verify.log" "$work/relay.log"
tail -n 2 "$work/verify.log"
ls "$work"/verify/*/junit.xml >/dev/null 2>&1 || fail "verify wrote no junit.xml under $work/verify" "$work/verify.log"

step "streamingharness load: a short run against a fake and a relay the tool starts as itself"
"$sh" load --ramp 1,4 --step-duration 1s --warmup 0s --no-memory --reports "$work/reports" --no-live \
  >"$work/load.log" 2>&1 || fail "streamingharness load (exit $?)" "$work/load.log"
grep -q "PASSED" "$work/load.log" || fail "streamingharness load did not print PASSED" "$work/load.log"
summary=$(ls "$work"/reports/*/summary.json 2>/dev/null | head -n 1)
[[ -n $summary ]] || fail "streamingharness load wrote no summary.json under $work/reports" "$work/load.log"
grep -q '"command_line": "streamingharness load' "$summary" || fail "the report does not record the tool's command line" "$summary"
tail -n 3 "$work/load.log"

echo "tool-smoke: passed (help, fake + ollama-js, relay, verify, load from the installed tool $version)"
