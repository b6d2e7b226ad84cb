using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using StreamingHarness.FakeOllama;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>Test helpers: a fake with its built-in scenarios, what it sends itself, and what a naive relay's client sees.</summary>
internal static class NaiveRelayRun
{
    private static readonly HttpClient Client = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static Task<FakeOllamaServer> StartFakeAsync(double timeScale = 0.2) => FakeOllamaServer.StartAsync(new FakeOllamaOptions
    {
        ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory,
        TimeScale = timeScale,
    });

    /// <summary>The texts the fake itself streams for a model (blank lines skipped), up to its done or error line: the oracle.</summary>
    public static async Task<List<string>> UpstreamTextsAsync(Uri fake, string model)
    {
        var texts = new List<string>();
        var probe = new NdjsonProbe(new ProbeRequestOptions(fake, Prompt: "go"));
        using var request = probe.CreateRequest(model);
        using var response = await Client.SendAsync(
            request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line);
            if (chunk.RootElement.TryGetProperty("message", out var message)
                && message.GetProperty("content").GetString() is { Length: > 0 } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    public static async Task<HttpResponseMessage> PostAsync(Uri relay, string path, string body)
    {
        var request = new HttpRequestMessage(
            HttpMethod.Post, new Uri(relay, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    /// <summary>The SSE relay's events, as (name, data); <paramref name="onEvent"/> sees each as it arrives.</summary>
    public static async Task<List<(string Name, string Data)>> SseEventsAsync(
        Uri relay, string model, Action<List<(string Name, string Data)>>? onEvent = null)
    {
        using var response = await PostAsync(relay, "/stream", $$"""{"model":"{{model}}","prompt":"go"}""");
        var events = new List<(string Name, string Data)>();
        var parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        await foreach (var item in parser.EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add((item.EventType, item.Data));
            onEvent?.Invoke(events);
        }

        return events;
    }

    public static List<string> Contents(IEnumerable<(string Name, string Data)> events) =>
        [.. events.Where(e => e.Name == "content").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("content").GetString()!)];

    public static List<string> Names(IEnumerable<(string Name, string Data)> events) =>
        [.. events.Select(e => e.Name).Where(n => n != "content")];

    public static string Message(IEnumerable<(string Name, string Data)> events) =>
        JsonDocument.Parse(events.Single(e => e.Name == "error").Data).RootElement.GetProperty("message").GetString()!;
}
