using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama;

/// <summary>
/// How to start a fake Ollama. Every default is usable as is; <see cref="Validate"/> explains bad values, with rules
/// from the attributes below (checked by the generated <see cref="FakeOllamaOptionsValidator"/>, as the relay's are).
/// </summary>
public sealed class FakeOllamaOptions
{
    /// <summary>The scenarios shipped with the fake (<c>scenarios/*.yaml</c> copied next to the assembly).</summary>
    public static string BuiltInScenarioDirectory => Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>Where to listen. Port 0 picks a free port; <see cref="FakeOllamaServer.BaseAddress"/> tells which.</summary>
    [MinLength(1, ErrorMessage = "At least one URL to listen on is needed.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "The generated validator checks the length with its own copy of the attribute; nothing reads this one by reflection.")]
    public IList<string> Urls { get; init; } = ["http://127.0.0.1:0"];

    /// <summary>
    /// A folder of <c>*.yaml</c> scenarios. When null: the built-in scenarios, unless <see cref="Scenarios"/> are given,
    /// in which case only those are served.
    /// </summary>
    public string? ScenarioDirectory { get; init; }

    /// <summary>
    /// Serve the built-in scenarios too, under <see cref="ScenarioDirectory"/>'s: a scenario of the folder replaces a
    /// built-in one with its name or one of its models. The command line's <c>--scenarios</c> sets it, so a user's
    /// folder adds to the built-ins. Default false: the folder alone.
    /// </summary>
    public bool OverBuiltInScenarios { get; init; }

    /// <summary>Scenarios built in code, served in addition to <see cref="ScenarioDirectory"/>'s.</summary>
    public IList<Scenario> Scenarios { get; init; } = [];

    /// <summary>Multiplies every delay (0.01 makes a 2 s first token take 20 ms). Must be a finite number greater than 0.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double TimeScale { get; init; } = 1;

    /// <summary>The clock for every delay and measurement.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>What <c>/api/version</c> answers.</summary>
    public string Version { get; init; } = "0.33.0";

    /// <summary>Journal entries kept (oldest dropped first). 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int JournalCapacity { get; init; } = 1000;

    /// <summary>Request body characters kept per journal entry. 0 or more.</summary>
    [Range(0, int.MaxValue)]
    public int JournalBodyLimit { get; init; } = 64 * 1024;

    /// <summary>
    /// Largest request body accepted, in bytes; a larger one is 413 <c>{"error":"http: request body too large"}</c>
    /// (Ollama's error shape; Ollama itself sets no limit). Default 32 MiB; 1 KiB to 2 GiB.
    /// </summary>
    [Range(1024L, (long)int.MaxValue)]
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Per-line timestamps kept per journal entry (bounded so a long load test keeps constant memory). 0 or more.</summary>
    [Range(0, int.MaxValue)]
    public int JournalLineTimesLimit { get; init; } = 1000;

    /// <summary>
    /// Response bytes kept per journal entry, as the client got them (the console shows them). 0 or more; default 16 KiB,
    /// so a full journal of long streams stays a few megabytes.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int JournalResponseLimit { get; init; } = 16 * 1024;

    /// <summary>
    /// Let clients on other machines use the admin API (<c>/__fake/*</c>). Default false: only loopback clients, even
    /// when the fake listens on every interface.
    /// </summary>
    public bool AdminAnyHost { get; init; }

    /// <summary>
    /// Default true: each flushed line is one <c>send()</c> straight to the connection's socket, made by the writing
    /// thread, as Ollama's Go server writes each line through; a fault's reset or close lets the client take what was
    /// written first. No allocation and no thread hop per line. False uses Kestrel's buffered transport: lines may
    /// coalesce into one write, each flush costs a hop to Kestrel's send thread, and the lines just before a reset or
    /// close may be lost. Kept for comparison (benchmarks); it is no longer the cheaper mode.
    /// </summary>
    public bool WriteThrough { get; init; } = true;

    /// <summary>
    /// Record mode: proxy every request to an upstream Ollama and save each chat/generate exchange as a scenario file
    /// (docs/record-replay.md). Null: the fake answers from its scenarios.
    /// </summary>
    [ValidateObjectMembers]
    public Recording.RecordingOptions? Record { get; init; }

    /// <summary>Log level of the ASP.NET Core host (requests are in the journal; logs are for the host itself).</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Throws <see cref="ArgumentException"/> naming every bad option.</summary>
    public void Validate()
    {
        var result = new FakeOllamaOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException(string.Join(" ", result.Failures));
        }
    }

    internal IReadOnlyList<Scenario> LoadScenarios()
    {
        var directory = ScenarioDirectory ?? (Scenarios.Count == 0 ? BuiltInScenarioDirectory : null);
        var fromFiles = directory is null ? [] : ScenarioYamlReader.ReadDirectory(directory);
        // Without --scenarios the folder read above is the built-in one: laying it over itself would read it twice.
        if (OverBuiltInScenarios && directory is not null && !IsBuiltInDirectory(directory))
        {
            fromFiles = ScenarioOverlay.Apply(ScenarioYamlReader.ReadDirectory(BuiltInScenarioDirectory), fromFiles);
        }

        return [.. fromFiles, .. Scenarios];
    }

    private static bool IsBuiltInDirectory(string directory) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(BuiltInScenarioDirectory)),
            StringComparison.Ordinal);
}
