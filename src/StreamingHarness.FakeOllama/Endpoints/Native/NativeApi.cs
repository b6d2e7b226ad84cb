namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>Ollama's own routes (<c>server/routes.go:GenerateRoutes</c>).</summary>
internal static class NativeApi
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapNativeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/", GetOrHead, ModelEndpoints.RootAsync);
        routes.MapMethods("/api/version", GetOrHead, (HttpContext http, FakeState state) => ModelEndpoints.VersionAsync(http, state));
        routes.MapMethods("/api/tags", GetOrHead, (HttpContext http, FakeState state) => ModelEndpoints.TagsAsync(http, state));
        routes.MapPost("/api/generate", (HttpContext http, FakeState state) => GenerateEndpoint.HandleAsync(http, state));
        routes.MapPost("/api/chat", (HttpContext http, FakeState state) => ChatEndpoint.HandleAsync(http, state));
        routes.MapPost("/api/embed", (HttpContext http, FakeState state) => EmbedEndpoint.HandleAsync(http, state));
        routes.MapPost("/api/embeddings", (HttpContext http, FakeState state) => EmbedEndpoint.LegacyAsync(http, state));
        routes.MapPost("/api/show", (HttpContext http, FakeState state) => ShowEndpoint.ShowAsync(http, state));
        routes.MapGet("/api/ps", (HttpContext http, FakeState state) => ShowEndpoint.PsAsync(http, state));
        routes.MapPost("/api/pull", (HttpContext http, FakeState state) => Transfer.TransferEndpoints.PullAsync(http, state));
        routes.MapPost("/api/push", (HttpContext http, FakeState state) => Transfer.TransferEndpoints.PushAsync(http, state));
        routes.MapPost("/api/create", (HttpContext http, FakeState state) => Transfer.TransferEndpoints.CreateAsync(http, state));
        routes.MapPost("/api/copy", (HttpContext http, FakeState state) => Transfer.ManageEndpoints.CopyAsync(http, state));
        routes.MapDelete("/api/delete", (HttpContext http, FakeState state) => Transfer.ManageEndpoints.DeleteAsync(http, state));
        routes.MapGet("/api/status", (HttpContext http) => Transfer.ManageEndpoints.StatusAsync(http));
        return routes;
    }
}
