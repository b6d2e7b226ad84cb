using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The fake's admin API as verify uses it: add its scenarios, select a case's scenario for every request (the
/// active scenario, so the service under test needs to forward nothing), reset counters and the journal, read it.
/// </summary>
internal sealed class FakeControl(HttpClient client, Uri fake)
{
    public Uri BaseAddress => fake;

    public async Task RegisterAsync(string scenarioJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(scenarioJson, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(fake, "/__fake/scenarios"), content, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "POST /__fake/scenarios", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Clears the journal and the fault counters (cold start, flaky attempts), then makes <paramref name="scenario"/> answer everything.
    /// </summary>
    public async Task SelectAsync(string scenario, CancellationToken cancellationToken)
    {
        using (var reset = await client.PostAsync(new Uri(fake, "/__fake/reset"), null, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(reset, "POST /__fake/reset", cancellationToken).ConfigureAwait(false);
        }

        using var body = new StringContent($$"""{"name":{{JsonSerializer.Serialize(scenario)}}}""", Encoding.UTF8, "application/json");
        using var response = await client.PutAsync(new Uri(fake, "/__fake/active-scenario"), body, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"PUT /__fake/active-scenario {scenario}", cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearSelectionAsync(CancellationToken cancellationToken)
    {
        using var response = await client.DeleteAsync(new Uri(fake, "/__fake/active-scenario"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each scenario's fixed answer, by name (scenarios without one are left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResponsesAsync(CancellationToken cancellationToken)
    {
        using var document = await client.GetFromJsonAsync<JsonDocument>(new Uri(fake, "/__fake/scenarios"), cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /__fake/scenarios answered null");
        return document.RootElement.EnumerateArray()
            .Where(s => s.TryGetProperty("response", out var r) && r.ValueKind == JsonValueKind.String)
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("response").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The active scenario's whole answer text, asked of the fake directly (not streamed).</summary>
    public async Task<string> AnswerAsync(string model, string prompt, CancellationToken cancellationToken)
    {
        var request = $$"""{"model":{{JsonSerializer.Serialize(model)}},"stream":false,"messages":[{"role":"user","content":{{
            JsonSerializer.Serialize(prompt)}}}]}""";
        using var body = new StringContent(request, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(fake, "/api/chat"), body, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "POST /api/chat", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("message").GetProperty("content").GetString() ?? "";
    }

    public async Task<IReadOnlyList<JournalView>> JournalAsync(CancellationToken cancellationToken)
    {
        using var document = await client.GetFromJsonAsync<JsonDocument>(new Uri(fake, "/__fake/journal"), cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /__fake/journal answered null");
        return [.. document.RootElement.EnumerateArray().Select(e => new JournalView(
            e.GetProperty("path").GetString() ?? "",
            e.TryGetProperty("scenario", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
            e.GetProperty("status").GetInt32(),
            e.GetProperty("tokens_delivered").GetInt32(),
            e.GetProperty("ending").GetString() ?? "",
            e.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            e.GetProperty("time").GetDateTimeOffset(),
            e.GetProperty("duration_ms").GetDouble())
        {
            Lines = UpstreamLines.Of(e),
            BytesWritten = e.TryGetProperty("bytes_written", out var b) ? b.GetInt64() : 0,
        })];
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the fake refused {what}: {(int)response.StatusCode} {body}");
        }
    }
}
