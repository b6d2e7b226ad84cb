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

    public static bool IsNdjson(HttpResponseMessage upstream) =>
        upstream.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/x-ndjson" };
}
