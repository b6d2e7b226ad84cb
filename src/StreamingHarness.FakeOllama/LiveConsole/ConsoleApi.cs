using StreamingHarness.Hosting.WebAssets;

namespace StreamingHarness.FakeOllama.LiveConsole;

/// <summary>
/// The browser console: <c>GET /__fake/ui</c> (the page and its files, embedded in this assembly) and
/// <c>GET /__fake/events</c>, the one SSE stream it listens to (see docs/fake.md for scripts). Under <c>/__fake</c>, so
/// loopback-only like the rest of the admin API; every control on the page calls the existing admin routes.
/// </summary>
internal static class ConsoleApi
{
    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/__fake/ui", () => Asset("index.html"));
        routes.MapGet("/__fake/ui/{file}", (string file) => Asset(file));
        routes.MapGet("/__fake/events", (FakeState state, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(state.Console.ListenAsync(cancellationToken)));
        return routes;
    }

    private static IResult Asset(string file) =>
        EmbeddedAsset.ForPage(typeof(ConsoleApi).Assembly, file) is { } asset
            ? TypedResults.Bytes(asset.Content, asset.ContentType)
            : TypedResults.NotFound();
}
