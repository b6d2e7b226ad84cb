using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamingHarness.Protocol.FakeAdmin;

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
        using var response = await client.PostAsync(new Uri(fake, FakeAdminRoutes.Scenarios), content, cancellationToken)
            .ConfigureAwait(false);
        await EnsureAsync(response, $"POST {FakeAdminRoutes.Scenarios}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Clears the journal and the fault counters (cold start, flaky attempts), then makes <paramref name="scenario"/> answer everything.
    /// </summary>
    public async Task SelectAsync(string scenario, CancellationToken cancellationToken)
    {
        using (var reset = await client.PostAsync(new Uri(fake, FakeAdminRoutes.Reset), null, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(reset, $"POST {FakeAdminRoutes.Reset}", cancellationToken).ConfigureAwait(false);
        }

        using var response = await client.PutAsJsonAsync(
                new Uri(fake, FakeAdminRoutes.ActiveScenario), new ActiveScenarioRequest(scenario),
                FakeAdminJsonContext.Default.ActiveScenarioRequest, cancellationToken)
            .ConfigureAwait(false);
        await EnsureAsync(response, $"PUT {FakeAdminRoutes.ActiveScenario} {scenario}", cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearSelectionAsync(CancellationToken cancellationToken)
    {
        using var response = await client.DeleteAsync(new Uri(fake, FakeAdminRoutes.ActiveScenario), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Each scenario's fixed answer, by name (scenarios without one are left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResponsesAsync(CancellationToken cancellationToken)
    {
        var scenarios = await client.GetFromJsonAsync(
                new Uri(fake, FakeAdminRoutes.Scenarios), FakeAdminJsonContext.Default.IReadOnlyListScenarioSummary, cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException($"GET {FakeAdminRoutes.Scenarios} answered null");
        return scenarios.Where(s => s.Response is not null).ToDictionary(s => s.Name, s => s.Response!, StringComparer.Ordinal);
    }

    /// <summary>The active scenario's whole answer text, asked of the fake directly (not streamed).</summary>
    public async Task<string> AnswerAsync(string model, string prompt, CancellationToken cancellationToken)
    {
        var request = $$"""{"model":"{{JsonEncodedText.Encode(model)}}","stream":false,"messages":[{"role":"user","content":"{{
            JsonEncodedText.Encode(prompt)}}"}]}""";
        using var body = new StringContent(request, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(fake, "/api/chat"), body, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "POST /api/chat", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("message").GetProperty("content").GetString() ?? "";
    }

    public async Task<IReadOnlyList<JournalRecord>> JournalAsync(CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync(
                new Uri(fake, FakeAdminRoutes.Journal), FakeAdminJsonContext.Default.IReadOnlyListJournalRecord, cancellationToken)
            .ConfigureAwait(false)
        ?? throw new InvalidOperationException($"GET {FakeAdminRoutes.Journal} answered null");

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the fake refused {what}: {(int)response.StatusCode} {body}");
        }
    }
}
