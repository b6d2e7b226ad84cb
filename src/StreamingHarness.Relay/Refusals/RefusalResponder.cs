using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Relay.Refusals;

/// <summary>
/// Refusals before a stream starts (401, 413, 429, ...). Ollama clients on <c>/api/*</c> get Ollama's
/// <c>{"error":"..."}</c>, which they know how to show; everyone else gets ProblemDetails with the relay's
/// <c>code</c> and <c>retryable</c> (see <see cref="ProblemContract"/>).
/// </summary>
internal static class RefusalResponder
{
    public static async Task WriteAsync(
        HttpContext context, int status, string code, string title, string detail, bool? retryable = null, TimeSpan? retryAfter = null)
    {
        context.Response.StatusCode = status;
        RequestId.For(context);
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (IsOllamaPath(context.Request.Path))
        {
            context.Response.ContentType = OllamaErrorBody.ContentType;
            OllamaErrorBody.Write(context.Response.BodyWriter, detail);
            await context.Response.BodyWriter.FlushAsync();
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions =
                {
                    [ProblemContract.CodeKey] = code,
                    [ProblemContract.RetryableKey] = retryable ?? ProblemContract.IsRetryable(status),
                },
            },
        });
    }

    public static bool IsOllamaPath(PathString path) => path.StartsWithSegments("/api", StringComparison.Ordinal);
}
