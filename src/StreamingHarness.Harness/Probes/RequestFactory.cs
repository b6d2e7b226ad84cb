using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Builds the POST for a model once and reuses its bytes: the body is serialized per model, not per request,
/// so the load loop spends nothing on JSON while it measures. A profile may give another method (a null body then
/// sends none) and headers of its own per model, cached the same way.
/// </summary>
internal sealed class RequestFactory(
    ProbeRequestOptions options,
    string path,
    Func<string, byte[]?> serialize,
    HttpMethod? method = null,
    Func<string, IReadOnlyList<KeyValuePair<string, string>>>? modelHeaders = null)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly ConcurrentDictionary<string, (byte[]? Body, IReadOnlyList<KeyValuePair<string, string>> Headers)> _prepared =
        new(StringComparer.Ordinal);
    private readonly Uri _uri = new(options.BaseAddress, path);

    public Uri Uri => _uri;

    public HttpRequestMessage Create(string model)
    {
        var (body, own) = _prepared.GetOrAdd(model, m => (serialize(m), modelHeaders?.Invoke(m) ?? []));
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, _uri) { Version = new Version(1, 1) };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        foreach (var (name, value) in own.Concat(options.Headers ?? Enumerable.Empty<KeyValuePair<string, string>>()))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
