using System.Text;

namespace StreamingHarness.Testing.RawHttp;

/// <summary>An HTTP/1.1 request written byte for byte by <see cref="RawHttpConnection"/>.</summary>
public sealed record RawHttpRequest(
    string Method, string Path, byte[]? Body = null, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public static RawHttpRequest Get(string path, params (string Name, string Value)[] headers) =>
        new("GET", path, null, ToList(headers));

    public static RawHttpRequest Head(string path, params (string Name, string Value)[] headers) =>
        new("HEAD", path, null, ToList(headers));

    public static RawHttpRequest PostJson(string path, string json, params (string Name, string Value)[] headers) =>
        new("POST", path, Encoding.UTF8.GetBytes(json), [new("Content-Type", "application/json"), .. ToList(headers)]);

    /// <summary>The request as it goes on the wire; <c>Host</c> and <c>Content-Length</c> are added.</summary>
    public byte[] Encode(string host)
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(host).Append("\r\n");
        foreach (var (name, value) in Headers ?? [])
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (Body is not null)
        {
            text.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        text.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. Body ?? []];
    }

    private static List<KeyValuePair<string, string>> ToList((string Name, string Value)[] headers) =>
        headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList();
}
