#!/usr/bin/env bash
# Where the CPU of a paced token goes: runs `bench` (aimock left out) and, during each named server's paced phase,
# samples that process for 10 s. The profiles behind docs/performance.md came from this script.
#   scripts/profile-bench.sh "<targets>" [cpu|alloc|syscalls]
#     targets  one or more of fake, relay-floor, yarp (tuned), relay (/api/chat), relay-sse (/stream/chat), probes,
#              profiled in the bench's paced order within one run, e.g. "yarp relay relay-sse"
#     cpu      perf record -g (needs Linux perf and root or perf_event_paranoid <= 1); prints the top symbols, with
#              managed frames named through the runtime's perf map, and the syscall counts below over the same 10 s
#     alloc    dotnet-trace's gc-verbose profile (allocation ticks with stacks), kept as a .nettrace file to open in
#              PerfView or `dotnet-trace report`; installs dotnet-trace as a global tool if it is missing
#     syscalls perf stat on the syscall tracepoints and context switches, counted (not sampled), and per token at the
#              paced rate (256 streams / 20 ms = 12,800 tokens/s over the 10 s)
# BENCH_ARGS adds options to the bench, e.g. BENCH_ARGS=--fakes-only reaches the fake's paced phase in a few minutes.
# Output: $OUT (default /tmp/profile-bench-<timestamp>/): bench.out, <target>.data, .nettrace or .stat, report.txt.
# Exit code: 0 profiled, 2 bad input, 1 a server's phase was never reached.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:-}
kind=${2:-cpu}
order="fake relay-floor yarp relay relay-sse probes"
for t in $targets; do
  case " $order " in *" $t "*) ;; *) sed -n 2,16p "$0" >&2; exit 2 ;; esac
done
case "$kind" in cpu|alloc|syscalls) ;; *) sed -n 2,16p "$0" >&2; exit 2 ;; esac
[ -n "$targets" ] || { sed -n 2,16p "$0" >&2; exit 2; }
out=${OUT:-/tmp/profile-bench-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
dotnet build src/StreamingHarness.Harness/StreamingHarness.Harness.csproj -c Release --nologo -v quiet >/dev/null

# Managed frames need the runtime's perf map, and W^X double mapping off so that perf can read the JIT's code.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet src/StreamingHarness.Harness/bin/Release/net10.0/StreamingHarness.Harness.dll bench --aimock none \
  ${BENCH_ARGS:-} --reports "$out" >"$out/bench.out" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT

wait_for() { # the bench's progress line, or exit 1 when the bench ended first
  until grep -qF "$1" "$out/bench.out"; do
    kill -0 $bench 2>/dev/null || { echo "bench ended before: $1" >&2; exit 1; }
    sleep 0.3
  done
}
server_pid() { # the bench's child whose command line matches $1, holds $2 and not $3 (no pipes: pipefail and SIGPIPE end the script)
  local p cmd # only this bench's children: other engineers' benches run the same servers on a shared machine
  for p in $(pgrep -P "$bench" -f "$1"); do
    cmd=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null || true)
    if [[ $cmd == *"${2:-}"* && ( -z ${3:-} || $cmd != *"$3"* ) ]]; then echo "$p"; return; fi
  done
}
count_syscalls() { # $1 pid, $2 output file: syscalls and context switches over 10 s, per token at the paced rate
  perf stat -e "$events" -p "$1" -o "$2" -- sleep 10 >/dev/null 2>&1
  awk '$1 ~ /^[0-9,]+$/ { n = $1; gsub(",", "", n); printf "%-40s %10d  %6.3f per token\n", $2, n, n / 128000 }' "$2"
}
syscalls="ioctl recvfrom sendto recvmsg sendmsg readv writev read write epoll_wait epoll_pwait epoll_ctl futex sched_yield"
events="context-switches,$(for s in $syscalls; do printf 'syscalls:sys_enter_%s,' "$s"; done | sed 's/,$//')"

wait_for "measuring floor, unpaced"
: >"$out/report.txt"
for target in $order; do
  case " $targets " in *" $target "*) ;; *) continue ;; esac
  case "$target" in
    fake) pid=$(server_pid "[S]treamingHarness.FakeOllama.dll" "--scenarios" "--buffered-writes"); phase="measuring fake, paced" ;;
    relay-floor) pid=$(server_pid "[b]ench-relay-floor"); phase="measuring relay floor (raw sockets), paced" ;;
    yarp) pid=$(server_pid "[S]treamingHarness.YarpAnchor.dll" "--mode tuned"); phase="measuring YARP 2.3 tuned, paced" ;;
    relay) pid=$(server_pid "[S]treamingHarness.Relay.dll"); phase="measuring relay, paced" ;;
    relay-sse) pid=$(server_pid "[S]treamingHarness.Relay.dll"); phase="measuring relay /stream/chat, paced" ;;
    probes) pid=$bench; phase="the probes' streams start" ;; # after a warm-up stream of its own (about 20 s)
  esac
  wait_for "$phase"
  sleep 3 # past the streams' start
  echo "== $target (pid $pid)" >>"$out/report.txt"
  case "$kind" in
    cpu)
      count_syscalls "$pid" "$out/$target.stat" >"$out/$target.syscalls" &
      counting=$!
      perf record -F 499 -g -p "$pid" -o "$out/$target.data" -- sleep 10 >/dev/null 2>&1
      wait $counting
      cat "$out/$target.syscalls" >>"$out/report.txt"
      { perf report -i "$out/$target.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | head -12
        perf report -i "$out/$target.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | head -60
      } | cut -c1-220 >>"$out/report.txt" || true ;; # head closes the pipe early: not a failure
    syscalls) count_syscalls "$pid" "$out/$target.stat" >>"$out/report.txt" ;;
    alloc)
      trace=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
      [ -x "$trace" ] || dotnet tool install -g dotnet-trace >/dev/null
      "$trace" collect -p "$pid" --profile gc-verbose --duration 00:00:00:10 -o "$out/$target.nettrace" >>"$out/report.txt" 2>&1 ;;
  esac
done
wait $bench || true
trap - EXIT
echo "profile: $out"
