using StreamingHarness.Protocol.FakeAdmin;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// The ready suites. Each targets the embedded fake and relay unless a URL is given; every one is bounded by
/// duration and request count. Command-line options override any field.
/// </summary>
internal static class BuiltInSuites
{
    public const string Default = "smoke";

    public static IReadOnlyList<string> Names { get; } = ["smoke", "ttft-sweep", "throughput", "soak", "faults", "compare", "profile"];

    public static SuiteDefinition? Find(string name) => name switch
    {
        "smoke" => new SuiteDefinition
        {
            Name = "smoke",
            Description = "A few seconds through the relay at 1, 4 and 16 concurrent streams, with memory per open stream: the CI check.",
            Target = "relay",
            Model = "llama3.2",
            Load = new LoadDefinition { Kind = "ramp", Steps = [1, 4, 16], StepDuration = "2s" },
            Duration = "6s",
            Warmup = "500ms",
            Thresholds = ["error_rate <= 0"],
            Memory = new MemoryDefinition { HoldStreams = [8, 16, 32] },
        },
        "ttft-sweep" => new SuiteDefinition
        {
            Name = "ttft-sweep",
            Description = "TTFT against concurrency through the relay: closed loop stepped from 1 to 256 streams.",
            Target = "relay",
            Load = new LoadDefinition { Kind = "ramp", Steps = [1, 2, 4, 8, 16, 32, 64, 128, 256], StepDuration = "5s" },
            Duration = "45s",
            Warmup = "2s",
            Thresholds = ["error_rate <= 0"],
        },
        "throughput" => new SuiteDefinition
        {
            Name = "throughput",
            Description = "Aggregate tokens/s at 64 streams of the zero-delay 'load-fast' scenario, direct to the fake.",
            Target = "fake",
            Model = "load-fast",
            Load = new LoadDefinition { Kind = "closed", Concurrency = 64 },
            Duration = "20s",
            Warmup = "2s",
            Thresholds = ["error_rate <= 0"],
        },
        "soak" => new SuiteDefinition
        {
            Name = "soak",
            Description =
            "Ten minutes of open-loop Poisson traffic through the relay, memory sampled throughout, then a 100,000-token stream.",
            Target = "relay",
            Load = new LoadDefinition { Kind = "open", Rate = 20, MaxConcurrency = 128 },
            Duration = "10m",
            Warmup = "5s",
            Thresholds = ["error_rate <= 0"],
            Memory = new MemoryDefinition { SampleEvery = "2s", HoldStreams = [64, 128, 256], LongStreamTokens = 100_000 },
        },
        "faults" => new SuiteDefinition
        {
            Name = "faults",
            Description =
            "Healthy traffic mixed with the fake's fault scenarios, direct to the fake: every request must end under the failure kind its "
            + "fault causes.",
            Target = "fake",
            Load = new LoadDefinition { Kind = "closed", Concurrency = 16 },
            Duration = "10s",
            Warmup = "0s",
            Timeouts = new TimeoutDefinition { Idle = "2s", FirstToken = "5s" },
            Mix = FaultMix(),
        },
        "compare" => new SuiteDefinition
        {
            Name = "compare",
            Description =
            "The same closed load of 'load-20ms' streams direct to the fake and through the relay, in one run: the relay's TTFT, ITL, CPU "
            + "and memory overhead.",
            Target = "relay",
            Model = "load-20ms",
            ExpectedItlMs = 20,
            Compare = true,
            Load = new LoadDefinition { Kind = "closed", Concurrency = 64 },
            Duration = "15s",
            Warmup = "2s",
            Thresholds = ["error_rate <= 0"],
            Memory = new MemoryDefinition { HoldStreams = [64, 128, 256] },
        },
        "profile" => new SuiteDefinition
        {
            Name = "profile",
            Description =
            "The relay driven through a custom YAML profile (scenarios/profiles/relay-sse.yaml), measured as any SSE service would be.",
            Target = "relay",
            Profile = "scenarios/profiles/relay-sse.yaml",
            Load = new LoadDefinition { Kind = "closed", Concurrency = 8 },
            Duration = "5s",
            Warmup = "500ms",
            Thresholds = ["error_rate <= 0"],
        },
        _ => null,
    };

    /// <summary>The fake's built-in fault scenarios (one model each) and the one outcome each must end with.</summary>
    private static List<MixDefinition> FaultMix() =>
    [
        new() { Model = "llama3.2", Weight = 6 },
        Fault(FaultCatalog.Http500, "http_500"),
        Fault(FaultCatalog.Overloaded503, "http_503"),
        Fault(FaultCatalog.RateLimited429, "http_429"),
        Fault(FaultCatalog.ErrorMidstream, "in_band_error"),
        Fault(FaultCatalog.LegacyError, "in_band_error"),
        Fault(FaultCatalog.MalformedLine, "protocol_error"),
        Fault(FaultCatalog.EarlyEof, "protocol_error"),
        Fault(FaultCatalog.AfterDone, "protocol_error"),
        Fault(FaultCatalog.WrongTypes, "protocol_error"),
        Fault(FaultCatalog.HugeLine, "protocol_error"),
        Fault(FaultCatalog.BadUtf8, "protocol_error"),
        Fault(FaultCatalog.TornLine, "disconnect"),
        Fault(FaultCatalog.Disconnect, "disconnect"),
        Fault(FaultCatalog.AbruptClose, "disconnect"),
        Fault(FaultCatalog.DropBeforeHeaders, "disconnect"),
        Fault(FaultCatalog.Stall, RelayErrorCodes.IdleTimeout),
        Fault(FaultCatalog.EmptyChunks, "ok"),
        Fault(FaultCatalog.BlankLines, "ok"),
        Fault(FaultCatalog.Trickle, "ok"),
        Fault(FaultCatalog.WrongContentType, "ok"),
        Fault(FaultCatalog.EarlyHeaders, "ok"),
    ];

    private static MixDefinition Fault(string model, string expect) => new() { Model = model, Expect = [expect] };
}
