using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>Requests to the relay and reading its answers.</summary>
public static class RelayHttp
{
    public const string ChatBody = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
    }

    public static async Task<List<SseEvent>> ReadEventsAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(Cancellation);
        return await SseReader.ReadAllAsync(stream, Cancellation);
    }

    /// <summary>Reads every event, calling <paramref name="onEvent"/> as each arrives (to act at an exact point of the stream).</summary>
    public static async Task<List<SseEvent>> ReadEventsAsync(HttpResponseMessage response, Action<SseEvent, int> onEvent)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(Cancellation);
        var events = new List<SseEvent>();
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(Cancellation))
        {
            var parsed = new SseEvent(item.EventType, item.EventId, item.Data);
            events.Add(parsed);
            onEvent(parsed, events.Count(e => e.Type == "token"));
        }

        return events;
    }

    public static Task<string> GetStringAsync(HttpClient client, string path) =>
        client.GetStringAsync(new Uri(path, UriKind.Relative), Cancellation);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);

    public static Task<string> ReadTextAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync(Cancellation);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Clone();
}
