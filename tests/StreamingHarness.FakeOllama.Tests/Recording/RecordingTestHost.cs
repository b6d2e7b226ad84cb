using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;

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
}
