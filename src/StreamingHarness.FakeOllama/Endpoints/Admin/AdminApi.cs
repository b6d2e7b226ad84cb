using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.Hosting.Diagnostics;
using StreamingHarness.Protocol.FakeAdmin;
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

        routes.MapPost(FakeAdminRoutes.Release, (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(
                http, new ReleaseResponse(state.Pause.ReleaseAll()), FakeAdminJsonContext.Readable.ReleaseResponse, "application/json"));

        routes.MapGet(FakeAdminRoutes.Journal, (HttpContext http, FakeState state) =>
            JsonBody.WriteAsync(
                http, Records(state.Journal.Entries), FakeAdminJsonContext.Readable.IReadOnlyListJournalRecord, "application/json"));

        routes.MapDelete(FakeAdminRoutes.Journal, (FakeState state) =>
        {
            state.Journal.Clear();
            return Results.NoContent();
        });
        return routes;
    }

    private static List<JournalRecord> Records(IReadOnlyList<JournalEntry> entries) => [.. entries.Select(e => e.ToRecord())];
}
