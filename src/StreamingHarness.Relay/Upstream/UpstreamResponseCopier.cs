using System.Net.Http.Headers;

namespace StreamingHarness.Relay.Upstream;

/// <summary>Copies an upstream answer to the client as it is: status, content type, Retry-After and body.</summary>
internal static class UpstreamResponseCopier
{
    public static async Task CopyAsync(HttpResponseMessage upstream, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)upstream.StatusCode;
        if (upstream.Content.Headers.ContentType is { } contentType)
        {
            response.ContentType = contentType.ToString();
        }

        if (upstream.Headers.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString();
        }

        if (upstream.Content.Headers.ContentLength is { } length)
        {
            response.ContentLength = length;
        }

        await using var body = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(response.Body, cancellationToken);
    }

    /// <summary>The message of an Ollama error body (<c>{"error":"..."}</c>), or the start of whatever else it was.</summary>
    public static async Task<string> ReadErrorMessageAsync(HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        const int Limit = 16 * 1024;
        await using var body = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Limit];
        var read = await body.ReadAtLeastAsync(buffer, Limit, throwOnEndOfStream: false, cancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(text) ? $"{(int)upstream.StatusCode} {upstream.ReasonPhrase}" : text.Trim();
    }

    public static bool IsNdjson(HttpResponseMessage upstream) =>
        upstream.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/x-ndjson" };
}
