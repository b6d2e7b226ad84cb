using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Recording;

/// <summary>
/// Two fakes on real sockets: one stands in for the real Ollama ("upstream", scenarios in YAML), the other records it
/// into a temporary folder. The recorder's journal says where each recording went ("recorded to &lt;path&gt;").
/// </summary>
internal static class RecordingTestHost
{
    /// <summary>Five tokens 5 ms apart, so every recorded offset differs.</summary>
    public const string Upstream = """
        name: up
        response: "one two three four five"
        first_token_ms: 5
        inter_token_ms: 5
        """;

    public static Task<FakeOllamaServer> StartUpstreamAsync(params string[] yamlScenarios) =>
        FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [.. yamlScenarios.Select(y => ScenarioYamlReader.Read(y, "upstream.yaml", "up"))] },
            TestContext.Current.CancellationToken);

    public static Task<FakeOllamaServer> StartRecorderAsync(
        FakeOllamaServer upstream, string folder, bool redact = false, string? fileName = null) =>
        FakeOllamaServer.StartAsync(
            new FakeOllamaOptions
            {
                Scenarios = [new Scenario { Name = "unused" }],
                Record = new RecordingOptions { Upstream = upstream.BaseAddress, Directory = folder, Redact = redact, FileName = fileName },
            },
            TestContext.Current.CancellationToken);

    /// <summary>The file the recorder saved for its <paramref name="nth"/> request (1-based).</summary>
    public static async Task<string> RecordedFileAsync(FakeOllamaServer recorder, int nth = 1)
    {
        var entry = await recorder.Journal.WaitForAsync(e => e.Id == nth, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        const string Marker = "recorded to ";
        var at = entry.Detail!.IndexOf(Marker, StringComparison.Ordinal);
        return at >= 0 ? entry.Detail[(at + Marker.Length)..] : throw new InvalidOperationException($"Not recorded: {entry}");
    }

    public static RecordedExchange Load(string file) =>
        ScenarioYamlReader.ReadFile(file).Recording ?? throw new InvalidOperationException($"{file} holds no recording");

    public static byte[] Body(RecordedExchange recording) => [.. recording.Lines.SelectMany(l => l.Bytes)];

    /// <summary>Records one request through a proxy in front of an upstream running <paramref name="upstreamYaml"/>.</summary>
    public static async Task<string> RecordAsync(TempFolder folder, string upstreamYaml, RawHttpRequest request)
    {
        await using var upstream = await StartUpstreamAsync(upstreamYaml);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        await RawHttpClient.SendAsync(recorder.BaseAddress, request);
        return await RecordedFileAsync(recorder);
    }

    public static Task<FakeOllamaServer> StartReplayAsync(TimeProvider clock, double timeScale, params Scenario[] scenarios) =>
        FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = scenarios, TimeProvider = clock, TimeScale = timeScale },
            TestContext.Current.CancellationToken);

    /// <summary>Moves the manual clock to each scheduled offset in turn, once the replay is waiting for it.</summary>
    public static async Task DriveAsync(
        FakeOllamaServer replay, TestClock clock, RecordedExchange recording, double scale, Task until)
    {
        var offsets = recording.Lines.Select(l => l.AtMs * scale).ToList();
        if (recording.Lines[0].AtMs - recording.HeadersMs > 20)
        {
            offsets.Insert(0, recording.HeadersMs * scale);
        }

        // Up to the next whole tick: TimeSpan.FromMilliseconds truncates, and one tick short of a line's due time
        // would hold that line until the following advance.
        var advanced = TimeSpan.Zero;
        foreach (var due in offsets.Select(ms => TimeSpan.FromTicks((long)Math.Ceiling(ms * TimeSpan.TicksPerMillisecond))))
        {
            if (due <= advanced)
            {
                continue;
            }

            // The stream itself waiting in the pacing loop, not just any timer: advancing before it has asked for its
            // next slot would find that slot already past, released at the following advance.
            await Eventually.WaitUntilAsync(
                () => replay.Pacing.Waiting > 0 || until.IsCompleted, "the replay waits in the pacing loop for its next line");
            clock.Advance(due - advanced);
            advanced = due;
        }
    }
}
