using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>
/// Runtime control of the scenarios, for tests that cannot restart the fake or cannot send headers:
/// <list type="bullet">
/// <item><c>GET /__fake/scenarios</c>: every scenario, its models and faults;</item>
/// <item><c>POST /__fake/scenarios</c>: add or replace one scenario, from a JSON (or YAML) body in the scenario file format;</item>
/// <item><c>GET|PUT|DELETE /__fake/active-scenario</c>: the scenario that answers every request without an
/// <c>X-Fake-Scenario</c> header, whatever its model (black-box tests of services that forward no header);</item>
/// <item><c>POST /__fake/reset</c>: clears the journal and the fault counters (flaky-then-ok attempts, cold starts).</item>
/// </list>
/// Bad input gets a 400 <c>{"error":"…"}</c> naming the line and the field; the fake carries on.
/// </summary>
internal static class ScenarioAdminApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapScenarioAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(FakeAdminRoutes.Scenarios, (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(http, Summaries(state), FakeAdminJsonContext.Readable.IReadOnlyListScenarioSummary, "application/json"));

        routes.MapPost(FakeAdminRoutes.Scenarios, AddOrReplaceAsync);

        routes.MapGet(FakeAdminRoutes.ActiveScenario, (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(
                http, new ActiveScenarioResponse(state.ActiveScenario), FakeAdminJsonContext.Readable.ActiveScenarioResponse,
                "application/json"));

        routes.MapPut(FakeAdminRoutes.ActiveScenario, SetActiveAsync);

        routes.MapDelete(FakeAdminRoutes.ActiveScenario, (HttpContext http, FakeState state) =>
        {
            state.ActiveScenario = null;
            return JsonBody.WriteAsync(
                http, new ActiveScenarioResponse(null), FakeAdminJsonContext.Readable.ActiveScenarioResponse, "application/json");
        });

        routes.MapPost(FakeAdminRoutes.Reset, (HttpContext http, FakeState state) =>
        {
            var journal = state.Journal.Entries.Count;
            state.Journal.Clear();
            var sequences = state.Faults.Attempts.Count;
            state.Faults.Reset();
            return JsonBody.WriteAsync(
                http, new ResetResponse(journal, sequences), FakeAdminJsonContext.Readable.ResetResponse, "application/json");
        });
        return routes;
    }

    private static async Task AddOrReplaceAsync(HttpContext http, FakeState state)
    {
        if (await ReadBodyAsync(http) is not { } text)
        {
            return;
        }

        Scenario scenario;
        bool replaced;
        try
        {
            scenario = ScenarioYamlReader.Read(text, "request body", defaultName: "");
            replaced = state.ReplaceScenario(scenario);
        }
        catch (ScenarioLoadException ex)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }

        await WriteAsync(
            http, replaced ? StatusCodes.Status200OK : StatusCodes.Status201Created, Summary(state, scenario),
            FakeAdminJsonContext.Readable.ScenarioSummary);
    }

    private static async Task SetActiveAsync(HttpContext http, FakeState state)
    {
        if (await ReadBodyAsync(http) is not { } text)
        {
            return;
        }

        ActiveScenarioRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(text, FakeAdminJsonContext.Readable.ActiveScenarioRequest);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(
                http, StatusCodes.Status400BadRequest, $"the body must be a JSON object such as {{\"name\":\"stall\"}}: {ex.Message}");
            return;
        }

        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            await ErrorAsync(
                http, StatusCodes.Status400BadRequest,
                "field 'name' is required, as in {\"name\":\"stall\"} (DELETE /__fake/active-scenario clears it)");
            return;
        }

        if (state.Catalog.FindScenario(request.Name) is not { } scenario)
        {
            await ErrorAsync(
                http, StatusCodes.Status404NotFound,
                $"scenario '{request.Name}' not found "
                + $"(known: {string.Join(", ", state.Catalog.Scenarios.Select(s => s.Name).Order(StringComparer.Ordinal))})");
            return;
        }

        state.ActiveScenario = scenario.Name;
        await JsonBody.WriteAsync(
            http, new ActiveScenarioResponse(scenario.Name), FakeAdminJsonContext.Readable.ActiveScenarioResponse, "application/json");
    }

    /// <summary>The body as text, or null after answering 400/413 for an empty, oversized or non-UTF-8 body.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, $"request body larger than {MaxBodyBytes} bytes");
                return null;
            }
        }

        if (buffer.Length == 0)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "missing request body");
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "request body is not valid UTF-8");
            return null;
        }
    }

    private static Task ErrorAsync(HttpContext http, int status, string message) =>
        OllamaErrorResponder.WriteNativeAsync(http, status, message);

    private static Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    private static List<ScenarioSummary> Summaries(FakeState state) =>
        [.. state.Catalog.Scenarios.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => Summary(state, s))];

    private static ScenarioSummary Summary(FakeState state, Scenario scenario) => new(
        scenario.Name,
        scenario.Description,
        scenario.Response,
        [.. state.Catalog.Models.Where(m => m.Scenario == scenario).Select(m => m.Model.Name)],
        [.. scenario.Faults.Select(f => f.Name)],
        scenario.SourceFile,
        string.Equals(state.ActiveScenario, scenario.Name, StringComparison.OrdinalIgnoreCase),
        ScenarioTiming.Describe(scenario));
}
