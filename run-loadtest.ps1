<#
.SYNOPSIS
    Runs the StreamingHarness load harness. A thin wrapper: every parameter maps onto one option of
    `dotnet run -c Release --project src/StreamingHarness.Harness -- ...`, where all the logic lives.

.EXAMPLE
    ./run-loadtest.ps1                                  # the smoke suite against the embedded fake and relay
    ./run-loadtest.ps1 -Suite compare -Concurrency 256 -Duration 20s
    ./run-loadtest.ps1 -Url http://127.0.0.1:11434 -Target ollama -Model llama3.2 -Ramp 1,2,4,8
    ./run-loadtest.ps1 -Suite smoke -Threshold 'ttft.p99 < 500ms','error_rate <= 0'

.NOTES
    Exit code: 0 passed, 3 a threshold / fault check / accounting failed, 1 bad input or a target that would not
    start, 130 interrupted (docs/load.md#exit-codes). Run with -Help for every option of the harness.
#>
[CmdletBinding()]
param(
    [string] $Suite,
    [string] $SuiteFile,
    [string] $Url,
    [string] $FakeUrl,
    [string] $RelayUrl,
    [ValidateSet('relay', 'fake', 'relay-ollama', 'openai', 'ollama')] [string] $Target,
    [string] $Model,
    [string] $Prompt,
    [int] $MaxTokens,
    [long] $Seed,
    [int] $Concurrency,
    [string[]] $Ramp,
    [string] $StepDuration,
    [double] $Rate,
    [int] $MaxConcurrency,
    [string] $Duration,
    [string] $Warmup,
    [long] $MaxRequests,
    [string] $Drain,
    [string] $TimeoutHeaders,
    [string] $TimeoutFirstToken,
    [string] $TimeoutIdle,
    [string] $TimeoutTotal,
    [double] $ExpectedItl,
    [double] $SloTtft,
    [double] $SloTpot,
    [double] $SloE2e,
    [string[]] $Threshold,
    [double] $TimeScale,
    [string] $Scenarios,
    [string[]] $HoldStreams,
    [int] $LongStreamTokens,
    [switch] $Compare,
    [switch] $NoMemory,
    [string] $Reports,
    [string] $Name,
    [switch] $NoLive,
    [switch] $ListSuites,
    [switch] $Help,
    # Anything else, passed through as is, e.g. -Extra '--timeout-idle','none'
    [string[]] $Extra
)

$map = [ordered]@{
    Suite = '--suite'; SuiteFile = '--suite-file'; Url = '--url'; FakeUrl = '--fake-url'; RelayUrl = '--relay-url'
    Target = '--target'; Model = '--model'; Prompt = '--prompt'; MaxTokens = '--max-tokens'; Seed = '--seed'
    Concurrency = '--concurrency'; StepDuration = '--step-duration'; Rate = '--rate'; MaxConcurrency = '--max-concurrency'
    Duration = '--duration'; Warmup = '--warmup'; MaxRequests = '--max-requests'; Drain = '--drain'
    TimeoutHeaders = '--timeout-headers'; TimeoutFirstToken = '--timeout-first-token'; TimeoutIdle = '--timeout-idle'
    TimeoutTotal = '--timeout-total'; ExpectedItl = '--expected-itl'; SloTtft = '--slo-ttft'; SloTpot = '--slo-tpot'
    SloE2e = '--slo-e2e'; TimeScale = '--time-scale'; Scenarios = '--scenarios'; LongStreamTokens = '--long-stream-tokens'
    Reports = '--reports'; Name = '--name'
}
$cli = @()
foreach ($key in $map.Keys) {
    if ($PSBoundParameters.ContainsKey($key)) { $cli += $map[$key], "$($PSBoundParameters[$key])" }
}
# Lists are taken as text: `pwsh -File` (and `dotnet pwsh script.ps1`) passes -Ramp 1,2 as the one string '1,2',
# which an [int[]] parameter would read as the number 12. The harness checks the numbers itself.
if ($Ramp) { $cli += '--ramp', ($Ramp -join ',') }
if ($HoldStreams) { $cli += '--hold-streams', ($HoldStreams -join ',') }
# For the same reason -Threshold 'a','b' may arrive as 'a,b'; no threshold contains a comma.
foreach ($t in $Threshold -split ',') { if ($t.Trim()) { $cli += '--threshold', $t.Trim() } }
if ($Compare) { $cli += '--compare' }
if ($NoMemory) { $cli += '--no-memory' }
if ($NoLive) { $cli += '--no-live' }
if ($ListSuites) { $cli += '--list-suites' }
if ($Help) { $cli += '--help' }
if ($Extra) { $cli += $Extra }

$project = Join-Path $PSScriptRoot 'src/StreamingHarness.Harness'
& dotnet run -c Release --project $project -- @cli
exit $LASTEXITCODE
