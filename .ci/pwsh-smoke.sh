#!/usr/bin/env bash
# run-loadtest.ps1 under PowerShell 7 from the repository's tool manifest (.config/dotnet-tools.json): a short run
# must pass and write its report; a bad parameter must give the harness's message and exit code 1.
# Every failure names the step and shows the output that explains it; exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "pwsh-smoke: FAILED: $1" >&2
  [[ -n ${2:-} ]] && tail -n 40 "$2" >&2
  exit 1
}

dotnet tool restore >"$work/restore.log" 2>&1 || fail "dotnet tool restore (PowerShell from .config/dotnet-tools.json)" "$work/restore.log"
dotnet pwsh -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'

echo "pwsh-smoke: dotnet pwsh ./run-loadtest.ps1, a short ramp with two thresholds"
# -Ramp and -Threshold as lists, as a user types them: the run must see both steps and both thresholds.
code=0
dotnet pwsh -NoProfile ./run-loadtest.ps1 -Ramp 1,2 -StepDuration 1s -Warmup 0s -NoMemory -NoLive \
  -Threshold 'error_rate <= 0','ttft.p50 < 60s' -Reports "$work/reports" >"$work/run.log" 2>&1 || code=$?
[[ $code -eq 0 ]] || fail "run-loadtest.ps1 exited $code instead of 0 (passed)" "$work/run.log"
summary=$(ls "$work"/reports/*/summary.json 2>/dev/null | head -n 1)
[[ -n $summary ]] || fail "run-loadtest.ps1 wrote no summary.json under $work/reports" "$work/run.log"
python3 - "$summary" <<'EOF' || fail "the report of run-loadtest.ps1 is not what was asked for" "$summary"
import json, sys
report = json.load(open(sys.argv[1]))
problems = []
if report["verdict"] != "PASSED":
    problems.append(f"verdict {report['verdict']}")
if "--ramp 1,2" not in report["command_line"]:
    problems.append(f"-Ramp 1,2 did not arrive as --ramp 1,2: {report['command_line']}")
if len(report["phases"]) != 2:
    problems.append(f"{len(report['phases'])} phases instead of the 2 ramp steps")
if len({t["threshold"] for t in report["thresholds"]}) != 2:
    problems.append(f"thresholds {report['thresholds']} are not the 2 given")
for problem in problems:
    print("pwsh-smoke: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

echo "pwsh-smoke: a bad parameter (-Duration soon) must exit 1 with the harness's message"
code=0
dotnet pwsh -NoProfile ./run-loadtest.ps1 -Duration soon -NoLive >"$work/bad.log" 2>&1 || code=$?
[[ $code -eq 1 ]] || fail "run-loadtest.ps1 -Duration soon exited $code instead of 1 (bad input)" "$work/bad.log"
grep -qF "error: duration: 'soon' is not a duration" "$work/bad.log" \
  || fail "run-loadtest.ps1 -Duration soon did not print the harness's error" "$work/bad.log"

echo "pwsh-smoke: passed"
