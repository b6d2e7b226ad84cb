namespace StreamingHarness.Harness.Suites;

/// <summary>
/// A suite as written in YAML (<c>scenarios/load/*.yaml</c>) or built in: what to load, how hard, how long, and
/// what must hold. Durations are strings like <c>500ms</c>, <c>10s</c>, <c>2m</c>. Field reference:
/// scenarios/README.md, section "load suites".
/// </summary>
internal sealed class SuiteDefinition
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>
    /// <c>relay</c> (SSE), <c>fake</c> (ndjson), <c>relay-ollama</c> (the relay's ndjson pass-through), <c>openai</c>, <c>ollama</c> (any
    /// URL).
    /// </summary>
    public string Target { get; set; } = "relay";

    /// <summary>Base URL of the server under test; empty starts the fake and the relay as processes.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// A protocol profile (a built-in name or a YAML file, relative to the current folder or the repository) that
    /// replaces the target's own protocol; the target still says which embedded server answers when no URL is given.
    /// </summary>
    public string? Profile { get; set; }

    public string Model { get; set; } = "llama3.2";

    /// <summary>Several models drawn by weight (the faults suite); overrides <see cref="Model"/>.</summary>
    public List<MixDefinition> Mix { get; set; } = [];

    public string Prompt { get; set; } = "Why is the sky blue?";
    public int? MaxTokens { get; set; }
    public long Seed { get; set; } = 1;

    public LoadDefinition Load { get; set; } = new();

    /// <summary>
    /// The gap the scenario scripts between tokens, if fixed: each gap's distance from it is reported as <c>itl_error</c>.
    /// </summary>
    public double? ExpectedItlMs { get; set; }

    public string Duration { get; set; } = "10s";
    public string Warmup { get; set; } = "1s";
    public long MaxRequests { get; set; } = 1_000_000;
    public string Drain { get; set; } = "10s";

    public TimeoutDefinition Timeouts { get; set; } = new();
    public SloDefinition Slo { get; set; } = new();

    /// <summary>E.g. <c>ttft.p99 &lt; 500ms</c>, <c>error_rate &lt;= 0</c>, <c>tokens_per_s &gt; 1000</c>.</summary>
    public List<string> Thresholds { get; set; } = [];

    public MemoryDefinition Memory { get; set; } = new();

    /// <summary>Run the load twice, direct to the fake and through the relay, and report the relay's overhead.</summary>
    public bool Compare { get; set; }

    /// <summary>
    /// The embedded fake's <c>--time-scale</c>: 1 plays the scenario's delays as written, 0.1 ten times faster (must be &gt; 0).
    /// </summary>
    public double TimeScale { get; set; } = 1;

    public SuiteDefinition Clone()
    {
        var copy = (SuiteDefinition)MemberwiseClone();
        copy.Mix = [.. Mix];
        copy.Thresholds = [.. Thresholds];
        copy.Load = Load.Clone();
        copy.Timeouts = (TimeoutDefinition)Timeouts.Clone();
        copy.Slo = (SloDefinition)Slo.Clone();
        copy.Memory = Memory.Clone();
        return copy;
    }
}

internal sealed class MixDefinition
{
    public string Model { get; set; } = "";
    public double Weight { get; set; } = 1;

    /// <summary>Outcome labels this model may end with (<c>ok</c>, <c>http_503</c>, <c>disconnect</c>, ...); empty means ok only.</summary>
    public List<string> Expect { get; set; } = [];
}

internal sealed class LoadDefinition
{
    /// <summary><c>closed</c> (constant concurrency), <c>ramp</c> (closed, concurrency stepped), <c>open</c> (Poisson arrivals).</summary>
    public string Kind { get; set; } = "closed";
    public int Concurrency { get; set; } = 8;
    public List<int> Steps { get; set; } = [];

    /// <summary>Each ramp step lasts this long; the suite's duration bounds a closed or open run.</summary>
    public string StepDuration { get; set; } = "5s";

    /// <summary>Open loop: mean arrivals per second.</summary>
    public double Rate { get; set; } = 10;
    public int? MaxConcurrency { get; set; }

    public LoadDefinition Clone()
    {
        var copy = (LoadDefinition)MemberwiseClone();
        copy.Steps = [.. Steps];
        return copy;
    }
}

internal sealed class TimeoutDefinition
{
    public string? Headers { get; set; } = "60s";
    public string? FirstToken { get; set; } = "120s";
    public string? Idle { get; set; } = "30s";
    public string? Total { get; set; } = "10m";

    public object Clone() => MemberwiseClone();
}

internal sealed class SloDefinition
{
    public double? TtftMs { get; set; }
    public double? TpotMs { get; set; }
    public double? E2eMs { get; set; }

    public object Clone() => MemberwiseClone();
}

internal sealed class MemoryDefinition
{
    /// <summary>Sample <c>/__stats</c> of the started processes during the run (memory over time, CPU, allocations).</summary>
    public bool Sample { get; set; } = true;
    public string SampleEvery { get; set; } = "500ms";

    /// <summary>Hold this many streams open at once, for each value, and fit memory per open stream. Empty skips it.</summary>
    public List<int> HoldStreams { get; set; } = [];

    /// <summary>The fake model whose streams pause mid-stream until released.</summary>
    public string HoldModel { get; set; } = "hold";

    /// <summary>
    /// After the release, wait this long and read the heap again: past the harness's and the relay's idle-connection
    /// timeouts (30 s each), what still stays is held by something other than idle keep-alive connections. "none" skips it.
    /// </summary>
    public string AfterIdle { get; set; } = "none";

    /// <summary>Tokens of one long stream through the relay, sampled for growth. 0 skips it.</summary>
    public int LongStreamTokens { get; set; }
    public string LongStreamModel { get; set; } = "load-long";

    public MemoryDefinition Clone()
    {
        var copy = (MemoryDefinition)MemberwiseClone();
        copy.HoldStreams = [.. HoldStreams];
        return copy;
    }
}
