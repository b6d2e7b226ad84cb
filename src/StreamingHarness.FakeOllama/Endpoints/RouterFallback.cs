namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// gin's answers for routes it does not know: <c>404 page not found</c> and <c>405 method not allowed</c> in
/// <c>text/plain</c>. Only responses that have no body of their own get them, so the API's JSON errors pass untouched.
/// </summary>
internal static class RouterFallback
{
    public static IApplicationBuilder UseGinStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var text = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => "404 page not found",
                StatusCodes.Status405MethodNotAllowed => "405 method not allowed",
                _ => null,
            };
            if (text is null)
            {
                return;
            }

            response.ContentType = "text/plain";
            response.ContentLength = text.Length;
            await response.WriteAsync(text, context.HttpContext.RequestAborted);
        });
}
