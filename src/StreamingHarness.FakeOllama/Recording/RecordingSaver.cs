using System.Globalization;
using System.Text;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>Turns what the proxy saw into a <see cref="RecordedExchange"/>, redacts it if asked, and saves it.</summary>
internal static class RecordingSaver
{
    /// <summary>The answers a scenario can replay; other requests are proxied but not saved.</summary>
    public static bool IsRecorded(string method, string path) =>
        HttpMethods.IsPost(method) && path is "/api/chat" or "/api/generate" or "/v1/chat/completions" or "/v1/completions"
            or "/v1/responses" or "/v1/messages";

    public static RecordedExchange Build(
        RecordingOptions options,
        RecordedRequest request,
        int status,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        double headersMs,
        IReadOnlyList<(double AtMs, byte[] Bytes)> lines,
        RecordedEnd end,
        DateTimeOffset now)
    {
        if (options.Redact)
        {
            var body = Encoding.UTF8.GetString(Redactor.Redact(Encoding.UTF8.GetBytes(request.Body)));
            request = RequestSummary.Of(request.Method, request.Path, Encoding.UTF8.GetBytes(body));
            lines = [.. lines.Select(l => (l.AtMs, Redactor.Redact(l.Bytes)))];
        }

        var contentType = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var framing = RecordedFraming.Of(contentType, lines.Count);
        return new RecordedExchange
        {
            Request = request,
            Status = status,
            Headers = headers,
            HeadersMs = headersMs,
            Lines = [.. lines.Select(l => new RecordedLine(l.AtMs, l.Bytes, LineClassifier.Classify(l.Bytes, request.Path, framing)))],
            End = end,
            Upstream = options.Upstream.ToString(),
            RecordedAt = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Redacted = options.Redact,
        };
    }

    /// <summary>Saves under the header's name, else the configured one, else a generated one; returns the path.</summary>
    public static string Save(RecordingOptions options, RecordedExchange exchange, string? headerName, DateTimeOffset now)
    {
        var name = !string.IsNullOrWhiteSpace(headerName) ? headerName : options.FileName
            ?? RecordingStore.DefaultName(exchange.Request, now);
        var path = RecordingStore.Save(options.Directory, name, RecordingYamlWriter.Write(exchange));
        options.Log?.WriteLine(
            $"recorded {exchange.Request.Method} {exchange.Request.Path} ({RecordingYamlWriter.Describe(exchange)}) -> {path}");
        return path;
    }
}
