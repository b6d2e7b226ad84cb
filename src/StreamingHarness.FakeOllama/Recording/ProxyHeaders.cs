using Microsoft.Extensions.Primitives;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>Which headers cross the record-mode proxy: all but the hop-by-hop ones, which each connection has its own of.</summary>
internal static class ProxyHeaders
{
    // Accept-Encoding is not passed on either: the upstream then answers uncompressed (Ollama always does), so the
    // recording holds lines, not a compressed body.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authenticate",
        "Proxy-Authorization", "Host", "Content-Length", "Expect", "Accept-Encoding", RecordingOptions.NameHeader,
    };

    /// <summary>The client's request as the upstream gets it.</summary>
    public static HttpRequestMessage ToUpstream(HttpRequest request, Uri url, byte[] body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        if (body.Length > 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHop.Contains(name) && !message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return message;
    }

    /// <summary>
    /// Copies the upstream's status and headers to the client's response; returns the headers a recording keeps (the
    /// same, without <c>Date</c>, with <c>Content-Length</c> when the upstream gave one).
    /// </summary>
    public static List<KeyValuePair<string, string>> CopyToClient(HttpResponseMessage upstream, HttpResponse response)
    {
        response.StatusCode = (int)upstream.StatusCode;
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (HopByHop.Contains(name) || string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            response.Headers[name] = new StringValues([.. values]);
            kept.Add(KeyValuePair.Create(name, string.Join(", ", values)));
        }

        if (upstream.Content.Headers.ContentLength is { } length && !upstream.Headers.TransferEncodingChunked.GetValueOrDefault())
        {
            response.ContentLength = length;
            kept.Add(KeyValuePair.Create("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return kept;
    }
}
