using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.LiveConsole;

/// <summary>A request began (<c>event: start</c> on <c>/__fake/events</c>); model and scenario follow in the next snapshot.</summary>
internal sealed record StreamStarted(long Id, DateTimeOffset Time, string Method, string Path, string Protocol);

/// <summary>A request ended (<c>event: end</c>): how, after how many tokens, and with which status.</summary>
internal sealed record StreamEnded(
    long Id, string Path, string? Model, string? Scenario, int Status, int TokensDelivered, string Ending, string? Detail,
    double DurationMs);

/// <summary>One request in flight, read from the counters its journal entry already keeps.</summary>
internal sealed record StreamSnapshot(
    long Id, string Method, string Path, string Protocol, string? Model, string? Scenario, int TokensSent, double TokensPerSecond,
    double ElapsedMs, IReadOnlyList<string> FaultsArmed, IReadOnlyList<string> FaultsFired);

/// <summary>
/// <c>event: streams</c>, a few times a second while a console listens: every request in flight, and the switchboard's
/// state (the active scenario, the streams held at their pause point).
/// </summary>
internal sealed record StreamsTick(string? ActiveScenario, int PausedStreams, IReadOnlyList<StreamSnapshot> Streams);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StreamStarted))]
[JsonSerializable(typeof(StreamEnded))]
[JsonSerializable(typeof(StreamsTick))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
