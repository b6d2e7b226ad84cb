#!/usr/bin/env bash
# The relay's reliability figures (docs/relay.md#reliability) in one run, on loopback (Linux; needs the .NET SDK, curl
# and /usr/bin/redis-server). Builds the fake and the relay in Release once, starts them on free ports, and measures:
#  a) TTFT (curl's time_starttransfer: with heartbeats off the relay sends its headers with the first token) of N
#     cacheable /stream/chat requests, distinct seeds, on four relays asked in turn request by request, the order
#     rotating, so machine noise hits each alike: cache off; cache on with Redis up (misses); Redis down from the start
#     (nothing listening on the configured port); Redis killed (SIGKILL) after a warm-up, right before the measured
#     requests. p50, p90, max each, and the p50 and p90 deltas against cache off;
#  b) SIGTERM under S in-flight streams (half SSE, half ndjson, the fake's slow-tokens: a token about every second),
#     DrainTimeout D: time to /readyz 503, to the last stream's terminal event, streams with exactly one, exit code;
#  c) 200 wrong API keys from one address: how many 401 and 429, then the right key's status;
#  d) GET /__stats?gc=true without a key, keys on: the status.
# Usage: scripts/reliability-figures.sh [N requests, default 200] [S streams, default 64] [D drain, default 00:00:02]
# Prints a markdown table. Every process it starts is stopped on exit.
set -euo pipefail
n="${1:-200}" streams="${2:-64}" drain="${3:-00:00:02}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for app in FakeOllama Relay; do
  dotnet build "src/StreamingHarness.$app/StreamingHarness.$app.csproj" -c Release --nologo -v quiet >/dev/null
done
fake_dll="src/StreamingHarness.FakeOllama/bin/Release/net10.0/StreamingHarness.FakeOllama.dll"
relay_dll="src/StreamingHarness.Relay/bin/Release/net10.0/StreamingHarness.Relay.dll"

taken=" "
free_port() { # variable name: set to a port nothing listens on and no earlier call handed out
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    [[ "$taken" == *" $port "* ]] && continue
    [[ -z "$(ss -Htln "sport = :$port")" ]] && { taken+="$port "; printf -v "$1" '%s' "$port"; return; }
  done
}
wait_http() { # url: until it answers at all, 60 s at most
  local deadline=$((SECONDS + 60))
  until curl -s -o /dev/null "$1"; do
    ((SECONDS < deadline)) || { echo "error: $1 did not answer within 60 s" >&2; exit 2; }
    sleep 0.1
  done
}
start_redis() { # port -> pid in $last_pid
  /usr/bin/redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis-$1.log" 2>&1 &
  last_pid=$!; pids+=("$last_pid")
  local deadline=$((SECONDS + 30))
  until [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == PONG ]]; do
    ((SECONDS < deadline)) || { echo "error: redis-server on $1 did not start" >&2; exit 2; }
    sleep 0.1
  done
}
start_relay() { # port, then NAME=VALUE settings -> pid in $last_pid
  local port="$1"; shift
  env Relay__Upstream__BaseUrl="http://127.0.0.1:$fake_port" Relay__RateLimits__Enabled=false "$@" \
    dotnet "$relay_dll" --urls "http://127.0.0.1:$port" >"$work/relay-$port.log" 2>&1 &
  last_pid=$!; pids+=("$last_pid")
}

free_port fake_port
dotnet "$fake_dll" --urls "http://127.0.0.1:$fake_port" >"$work/fake.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$fake_port/api/version"

# a) the four relays of the TTFT comparison
free_port redis_up; free_port redis_killed; free_port redis_dead
start_redis "$redis_up"
start_redis "$redis_killed"; killed_redis_pid=$last_pid
names=(off up down killed)
declare -A port relay_pid settings=([off]='' [up]="127.0.0.1:$redis_up" [down]="127.0.0.1:$redis_dead" \
  [killed]="127.0.0.1:$redis_killed")
for name in "${names[@]}"; do
  free_port p; port[$name]=$p
  if [[ -z "${settings[$name]}" ]]; then start_relay "${port[$name]}"
  else start_relay "${port[$name]}" Relay__Cache__Enabled=true Relay__Cache__Redis="${settings[$name]}"; fi
  relay_pid[$name]=$last_pid
done
for name in "${names[@]}"; do wait_http "http://127.0.0.1:${port[$name]}/healthz"; done

ask() { # relay name, seed -> "ttft_ms status cache" appended to $work/ttft-<name>
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer} %header{x-relay-cache}' \
    "http://127.0.0.1:${port[$1]}/stream/chat" \
    -d "{\"model\":\"load-fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3,\"seed\":$2}")
  read -r status seconds cache <<<"$out"
  [[ "$status" == 200 ]] || { echo "error: relay '$1' answered $status" >&2; exit 2; }
  echo "$(awk -v s="$seconds" 'BEGIN { printf "%.3f", s * 1000 }') ${cache:--}" >>"$work/ttft-$1"
}
round() { # seed: one request to each relay, the order rotating with the seed
  local i k=$(( $1 % ${#names[@]} ))
  for ((i = 0; i < ${#names[@]}; i++)); do ask "${names[$(( (k + i) % ${#names[@]} ))]}" "$1"; done
}
for ((s = 1; s <= 20; s++)); do round $((1000000 + s)); done # warm-up (JIT, connections), not counted
rm -f "$work"/ttft-*
{ kill -KILL "$killed_redis_pid"; wait "$killed_redis_pid"; } 2>/dev/null || true
for ((s = 1; s <= n; s++)); do round "$s"; done

percentile() { # file, p -> the nearest-rank percentile of column 1
  sort -n -k1,1 "$1" | awk -v p="$2" '{ v[NR] = $1 } END { r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'
}
declare -A p50 p90 max
for name in "${names[@]}"; do
  p50[$name]=$(percentile "$work/ttft-$name" 50); p90[$name]=$(percentile "$work/ttft-$name" 90)
  max[$name]=$(percentile "$work/ttft-$name" 100)
done
first_killed=$(head -3 "$work/ttft-killed" | awk '{ printf "%s%s", sep, $1; sep = ", " }')
slowest() { # relay name -> its three slowest TTFTs with their round (the other relays were asked in the same round)
  awk '{ printf "%s %d\n", $1, NR }' "$work/ttft-$1" | sort -rn -k1,1 | head -3 | awk '{ printf "%s%s (#%d)", sep, $1, $2; sep = ", " }'
}
cache_of() { awk '{ c[$2]++ } END { for (k in c) printf "%s%s %d", sep, k, c[k]; sep = ", " }' "$work/ttft-$1"; }
redis_calls() { # relay name -> get/set results from its /metrics
  curl -s "http://127.0.0.1:${port[$1]}/metrics" | awk -F'[{},"]' '/^relay_cache_redis_calls_total/ {
    for (i = 1; i <= NF; i++) { if ($i ~ /operation=/) op = $(i + 1); if ($i ~ /result=/) r = $(i + 1) }
    split($0, f, " "); printf "%s%s %s %s", sep, op, r, f[2]; sep = ", " }'
}
readyz_down=$(curl -s "http://127.0.0.1:${port[down]}/readyz")
readyz_killed=$(curl -s "http://127.0.0.1:${port[killed]}/readyz")
calls_down=$(redis_calls down) calls_killed=$(redis_calls killed)
for name in "${names[@]}"; do kill -TERM "${relay_pid[$name]}" 2>/dev/null || true; done

# c) and d): a relay with one key, the default limits
key="reliability-figures-right-key-0123"
free_port auth_port
start_relay "$auth_port" Relay__RateLimits__Enabled=true Relay__Auth__ApiKeys__0="$key"
wait_http "http://127.0.0.1:$auth_port/healthz"
chat='{"model":"load-fast","messages":[{"role":"user","content":"hi"}],"max_tokens":3}'
for ((i = 0; i < 200; i++)); do
  curl -s -o /dev/null -w '%{http_code}\n' -H "X-API-Key: wrong-key-guess-number-$i" \
    "http://127.0.0.1:$auth_port/stream/chat" -d "$chat" >>"$work/guesses"
done
guesses_401=$(grep -c '^401$' "$work/guesses" || true) guesses_429=$(grep -c '^429$' "$work/guesses" || true)
right_after=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" "http://127.0.0.1:$auth_port/stream/chat" -d "$chat")
stats_anonymous=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$auth_port/__stats?gc=true")

# b) SIGTERM under $streams streams in flight
free_port down_port
start_relay "$down_port" Relay__Shutdown__DrainTimeout="$drain"
down_pid=$last_pid
wait_http "http://127.0.0.1:$down_port/healthz"
mkdir "$work/streams"
follow() { # stream number: reads one stream, noting its first token, each terminal event and when it came
  local path=/stream/chat dir="$work/streams/$1" line
  ((($1 % 2) == 1)) && path=/api/chat
  mkdir "$dir"
  curl -sN "http://127.0.0.1:$down_port$path" \
    -d '{"model":"slow-tokens","messages":[{"role":"user","content":"hi"}]}' | while IFS= read -r line; do
    case "$line" in
      'event: token' | '{"model"'*'"done":false'*) [[ -e "$dir/token" ]] || : >"$dir/token" ;;
      'event: error' | 'event: done' | '{"error"'* | *'"done":true'*) echo "$EPOCHREALTIME $line" >>"$dir/terminal" ;;
    esac
    [[ "$line" == *'"shutting_down"'* || "$line" == '{"error":"the relay is shutting down'* ]] && : >"$dir/shutting_down"
  done
}
readers=()
for ((i = 0; i < streams; i++)); do follow "$i" & readers+=("$!"); done
deadline=$((SECONDS + 60))
until (($(find "$work/streams" -name token | wc -l) == streams)); do
  ((SECONDS < deadline)) || { echo "error: not every stream got a token within 60 s" >&2; exit 2; }
  sleep 0.05
done
sigterm_at=$EPOCHREALTIME
kill -TERM "$down_pid"
deadline=$((SECONDS + 30))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$down_port/readyz")" == 503 ]]; do
  ((SECONDS < deadline)) || { echo "error: /readyz never answered 503 after SIGTERM" >&2; exit 2; }
done
readyz_503_at=$EPOCHREALTIME
wait "${readers[@]}" || true
set +e; wait "$down_pid"; exit_code=$?; set -e
exited_at=$EPOCHREALTIME
one_terminal=0 shutting_down=0 last_terminal=$sigterm_at
for dir in "$work"/streams/*; do
  [[ -f "$dir/terminal" ]] || continue
  (($(wc -l <"$dir/terminal") == 1)) && one_terminal=$((one_terminal + 1))
  [[ -e "$dir/shutting_down" ]] && shutting_down=$((shutting_down + 1))
  at=$(cut -d' ' -f1 "$dir/terminal" | sort -n | tail -1)
  last_terminal=$(awk -v a="$at" -v b="$last_terminal" 'BEGIN { print (a > b) ? a : b }')
done
ms_since() { awk -v a="$1" -v b="$sigterm_at" 'BEGIN { printf "%.0f", (a - b) * 1000 }'; }

delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", a - b }'; }
cat <<EOF

## Relay reliability figures ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, N=$n, $streams streams)

| Configuration | TTFT p50 ms | p90 ms | max ms | Δp50 vs cache off | Δp90 | X-Relay-Cache |
|---|---|---|---|---|---|---|
| Cache off | ${p50[off]} | ${p90[off]} | ${max[off]} | | | $(cache_of off) |
| Cache on, Redis up (misses) | ${p50[up]} | ${p90[up]} | ${max[up]} | $(delta "${p50[up]}" "${p50[off]}") | \
$(delta "${p90[up]}" "${p90[off]}") | $(cache_of up) |
| Cache on, Redis down from the start | ${p50[down]} | ${p90[down]} | ${max[down]} | $(delta "${p50[down]}" "${p50[off]}") | \
$(delta "${p90[down]}" "${p90[off]}") | $(cache_of down) |
| Cache on, Redis killed after warm-up | ${p50[killed]} | ${p90[killed]} | ${max[killed]} | \
$(delta "${p50[killed]}" "${p50[off]}") | $(delta "${p90[killed]}" "${p90[off]}") | $(cache_of killed) |

- Slowest three (round): off $(slowest off); up $(slowest up); down $(slowest down); killed $(slowest killed)
- Redis killed: the first three TTFTs after the kill: $first_killed ms; Redis calls: $calls_killed; /readyz: $readyz_killed
- Redis down from the start: Redis calls: $calls_down; /readyz: $readyz_down

| Check | Result |
|---|---|
| SIGTERM under $streams streams (half SSE, half ndjson), DrainTimeout $drain: /readyz 503 after | $(ms_since "$readyz_503_at") ms |
| ... last stream's terminal event after | $(ms_since "$last_terminal") ms |
| ... streams with exactly one terminal event; ended \`shutting_down\` | $one_terminal of $streams; $shutting_down |
| ... process exit code, after | $exit_code, $(ms_since "$exited_at") ms |
| 200 wrong keys from one address: 401, 429 | $guesses_401, $guesses_429 |
| ... then the right key | $right_after |
| \`GET /__stats?gc=true\` without a key, keys on | $stats_anonymous |
EOF
