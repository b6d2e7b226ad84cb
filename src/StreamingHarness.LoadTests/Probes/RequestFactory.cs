using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace StreamingHarness.LoadTests.Probes;

/// <summary>
/// Builds the POST for a model once and reuses its bytes: the body is serialized per model, not per request,
/// so the load loop spends nothing on JSON while it measures.
/// </summary>
internal sealed class RequestFactory(ProbeRequestOptions options, string path, Func<string, byte[]> serialize)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private readonly Uri _uri = new(options.BaseAddress, path);

    public Uri Uri => _uri;

    public HttpRequestMessage Create(string model)
    {
        var body = _bodies.GetOrAdd(model, serialize);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content, Version = new Version(1, 1) };
        if (options.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
