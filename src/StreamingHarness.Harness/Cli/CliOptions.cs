using System.CommandLine;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Cli;

/// <summary>Every option of the command line, with the help text users read. Values override the chosen suite's.</summary>
internal sealed class CliOptions
{
    public Option<string> Suite { get; } = new("--suite", "-s")
    {
        Description = $"Suite to run: {string.Join(", ", BuiltInSuites.Names)}, or a name from --suite-file.",
        DefaultValueFactory = _ => BuiltInSuites.Default,
    };

    public Option<string?> SuiteFile { get; } = new("--suite-file", "-f")
    {
        Description = "YAML file of suites (e.g. scenarios/load/suites.yaml); --suite picks one by name (default: the first).",
    };

    public Option<bool> ListSuites { get; } = new("--list-suites")
    {
        Description = "List the built-in suites (and those of --suite-file) and exit.",
    };

    public Option<string?> Url { get; } = new("--url", "-u")
    {
        Description =
            "Base URL of the server under test (e.g. http://127.0.0.1:11434 for a real Ollama). Without any URL the harness starts the "
            + "fake and the relay itself.",
    };

    public Option<string?> FakeUrl { get; } = new("--fake-url")
    {
        Description = "A fake Ollama already running: used as the fake target, for compare and for /__stats memory readings.",
    };

    public Option<string?> RelayUrl { get; } = new("--relay-url")
    {
        Description = "A relay already running: used as the relay target, for compare and for /__stats memory readings.",
    };

    public Option<string?> Target { get; } = new("--target", "-t")
    {
        Description =
            "Protocol and server: relay (SSE /stream/chat), fake (ndjson /api/chat), relay-ollama (the relay's /api/chat), openai "
            + "(/v1/chat/completions), ollama (--url's /api/chat).",
    };

    public Option<string?> Profile { get; } = new("--profile", "-p")
    {
        Description =
            "Protocol profile of the server under test: a built-in name (ollama, openai, responses, anthropic, relay, a2a) or a YAML file "
            + "(docs/verify.md, 'Protocol profiles'). With --url it drives any SSE or ndjson service.",
    };

    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model to ask for (a fake scenario name, or a real model with --url).",
    };

    public Option<string?> Prompt { get; } = new("--prompt") { Description = "Prompt of every request." };
    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "options.num_predict / max_tokens of every request." };

    public Option<long?> Seed { get; } = new("--seed")
    {
        Description = "Seed of the requests (options.seed) and of the Poisson schedule and model mix.",
    };

    public Option<int?> Concurrency { get; } = new("--concurrency", "-c")
    {
        Description = "Closed loop: this many streams held concurrently.",
    };

    public Option<string?> Ramp { get; } = new("--ramp")
    {
        Description = "Closed loop stepped through these concurrencies, e.g. 1,8,32,128 (each for --step-duration).",
    };

    public Option<string?> StepDuration { get; } = new("--step-duration") { Description = "Length of each ramp step (e.g. 5s)." };

    public Option<double?> Rate { get; } = new("--rate", "-r")
    {
        Description = "Open loop: Poisson arrivals at this many requests per second.",
    };

    public Option<int?> MaxConcurrency { get; } = new("--max-concurrency")
    {
        Description = "Open loop: at most this many in flight; the wait for a slot is reported as queue wait.",
    };

    public Option<string?> Duration { get; } = new("--duration", "-d")
    {
        Description = "Measured time of a closed or open run (e.g. 30s, 2m).",
    };

    public Option<string?> Warmup { get; } = new("--warmup")
    {
        Description = "Warm-up before measuring, excluded from every figure (e.g. 2s; 0s for none).",
    };

    public Option<long?> MaxRequests { get; } = new("--max-requests", "-n")
    {
        Description = "Stop issuing after this many requests per phase, even before the duration.",
    };

    public Option<string?> Drain { get; } = new("--drain")
    {
        Description = "After the duration, wait this long for requests in flight, then cancel them (counted as 'cancelled').",
    };

    public Option<string?> TimeoutHeaders { get; } = new("--timeout-headers")
    {
        Description = "Deadline for the response headers, from the send ('none' disables).",
    };

    public Option<string?> TimeoutFirstToken { get; } = new("--timeout-first-token")
    {
        Description = "Deadline for the first token, from the send.",
    };

    public Option<string?> TimeoutIdle { get; } = new("--timeout-idle") { Description = "Deadline between two reads once streaming." };
    public Option<string?> TimeoutTotal { get; } = new("--timeout-total") { Description = "Deadline for the whole request." };

    public Option<double?> ExpectedItl { get; } = new("--expected-itl")
    {
        Description =
            "The gap (ms) the scenario scripts between tokens: each gap's distance from it is reported as itl_error (e.g. 20 for "
            + "load-20ms).",
    };

    public Option<double?> SloTtft { get; } = new("--slo-ttft") { Description = "Goodput SLO: TTFT at most this many ms." };
    public Option<double?> SloTpot { get; } = new("--slo-tpot") { Description = "Goodput SLO: TPOT at most this many ms." };
    public Option<double?> SloE2e { get; } = new("--slo-e2e") { Description = "Goodput SLO: E2E at most this many ms." };

    public Option<string[]> Thresholds { get; } = new("--threshold")
    {
        Description =
            "Fail (exit code 3) unless this holds in every phase, e.g. 'ttft.p99 < 500ms', 'error_rate <= 0.01'. Repeatable; replaces "
            + "the suite's.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<double?> TimeScale { get; } = new("--time-scale")
    {
        Description = "Embedded fake: multiply every scripted delay by this (0.1 = ten times faster; must be > 0).",
    };

    public Option<string?> Scenarios { get; } = new("--scenarios")
    {
        Description = "Embedded fake: a folder of your own *.yaml scenarios, served with the built-in ones "
            + "(yours replace one of the same name or model).",
    };

    public Option<string?> HoldStreams { get; } = new("--hold-streams")
    {
        Description = "Memory per open stream: hold these many streams open, e.g. 64,128,256 (needs the fake's 'hold' model).",
    };

    public Option<int?> LongStreamTokens { get; } = new("--long-stream-tokens")
    {
        Description = "After the load, stream this many tokens in one request through the relay, reading its memory as it goes.",
    };

    public Option<bool> NoMemory { get; } = new("--no-memory") { Description = "Skip memory sampling and the memory steps." };

    public Option<bool> Compare { get; } = new("--compare")
    {
        Description = "Run the load direct to the fake and through the relay, and report the relay's overhead.",
    };

    public Option<string?> Reports { get; } = new("--reports")
    {
        Description = "Folder to write <timestamp>-<name>/ into (default: the repository's reports/; outside a clone, ./reports).",
    };

    public Option<string?> Name { get; } = new("--name")
    {
        Description = "Name of the report folder (default: the suite's name; without --suite, what ran: target-model).",
    };

    public Option<bool> NoLive { get; } = new("--no-live")
    {
        Description = "Plain line-by-line progress instead of live bars (automatic when output is redirected).",
    };

    public Option<int?> Ui { get; } = new("--ui")
    {
        Description =
            "Serve a live page of the run on http://127.0.0.1:PORT (no PORT: a free one, printed): phases, TTFT, ITL, tokens/s and "
            + "errors each second, thresholds as they stand, then the report. It keeps serving the report until Ctrl+C.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "port",
    };

    public IEnumerable<Option> All =>
    [
        Suite, SuiteFile, ListSuites, Url, FakeUrl, RelayUrl, Target, Profile, Model, Prompt, MaxTokens, Seed, Concurrency, Ramp,
        StepDuration, Rate, MaxConcurrency, Duration, Warmup, MaxRequests, Drain, TimeoutHeaders, TimeoutFirstToken,
        TimeoutIdle, TimeoutTotal, ExpectedItl, SloTtft, SloTpot, SloE2e, Thresholds, TimeScale, Scenarios, HoldStreams,
        LongStreamTokens, NoMemory, Compare, Reports, Name, NoLive, Ui,
    ];

    public CliOptions()
    {
        Target.AcceptOnlyFromAmong(TargetKinds.Names);
    }
}
