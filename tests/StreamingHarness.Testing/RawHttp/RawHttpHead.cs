namespace StreamingHarness.Testing.RawHttp;

/// <summary>The status line and headers of a response, in wire order, and when the head was complete.</summary>
public sealed record RawHttpHead(
    string Version, int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan ReceivedAt)
{
    /// <summary>The first value of a header (names compare case-insensitively), or null.</summary>
    public string? this[string name] =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool IsChunked =>
        this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
}
