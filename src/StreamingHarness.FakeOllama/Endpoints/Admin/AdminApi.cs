using StreamingHarness.Hosting.Diagnostics;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>
/// The fake's own routes, under <c>/__</c> so they never clash with Ollama's: process stats for the load harness,
/// releasing paused streams, and the journal.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/__stats", (HttpContext http, FakeState state, bool? gc) =>
            JsonBody.WriteAsync(
                http, ProcessStatsCapture.Capture(state.ActiveStreams, gc == true), ProtocolJson.Context.ProcessStats, "application/json"));

        routes.MapPost("/__fake/release", (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(
                http, new ReleaseResponse(state.Pause.ReleaseAll()), AdminJsonContext.Readable.ReleaseResponse, "application/json"));

        routes.MapGet("/__fake/journal", (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(http, state.Journal.Entries, AdminJsonContext.Readable.IReadOnlyListJournalEntry, "application/json"));

        routes.MapDelete("/__fake/journal", (FakeState state) =>
        {
            state.Journal.Clear();
            return Results.NoContent();
        });
        return routes;
    }
}
