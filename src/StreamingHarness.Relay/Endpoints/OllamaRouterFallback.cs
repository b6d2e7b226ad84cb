namespace StreamingHarness.Relay.Endpoints;

/// <summary>
/// Paths under <c>/api</c> that Ollama's router (gin) does not know, answered as gin does: <c>404 page not found</c>,
/// or <c>405 method not allowed</c> for a known path with another method, in <c>text/plain</c>. gin matches paths
/// case-sensitively while ASP.NET Core routing does not, so <c>/API/tags</c> is a 404 here too, not a forward.
/// </summary>
internal static class OllamaRouterFallback
{
    public static IApplicationBuilder UseOllamaRouterFallback(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            return context.GetEndpoint() switch
            {
                RouteEndpoint route when string.Equals(route.RoutePattern.RawText, path.Value, StringComparison.Ordinal) => next(context),
                { DisplayName: { } name } when name.StartsWith("405", StringComparison.Ordinal) && IsLowerCaseApi(path) =>
                    WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "405 method not allowed"),
                _ => WriteAsync(context, StatusCodes.Status404NotFound, "404 page not found"),
            };
        });

    private static bool IsLowerCaseApi(PathString path) => path.StartsWithSegments("/api", StringComparison.Ordinal)
        && string.Equals(path.Value, path.Value!.ToLowerInvariant(), StringComparison.Ordinal);

    private static Task WriteAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = text.Length;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
