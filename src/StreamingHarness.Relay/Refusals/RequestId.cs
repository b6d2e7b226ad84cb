namespace StreamingHarness.Relay.Refusals;

/// <summary>
/// The id of one request to the relay: the SSE <c>start</c> event's <c>id</c>, every ProblemDetails' <c>requestId</c>
/// and the <c>X-Request-Id</c> response header. Made on first use, then the same for the rest of the request.
/// </summary>
internal static class RequestId
{
    public const string HeaderName = "X-Request-Id";

    private static readonly object ItemKey = new();

    public static string For(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }

        id = Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = id;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[HeaderName] = id;
        }

        return id;
    }
}
