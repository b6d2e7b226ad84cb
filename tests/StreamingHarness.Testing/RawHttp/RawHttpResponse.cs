using System.Text;

namespace StreamingHarness.Testing.RawHttp;

/// <summary>
/// Everything one exchange delivered: the head (null when the connection ended before a complete head), every body
/// chunk with its timing, every socket read, the raw bytes with their framing, and exactly how it ended.
/// </summary>
public sealed record RawHttpResponse(
    RawHttpHead? Head,
    IReadOnlyList<RawChunk> Chunks,
    BodyEnd End,
    TimeSpan EndedAt,
    IReadOnlyList<RawRead> Reads,
    byte[] Raw)
{
    public int StatusCode => Head?.StatusCode ?? 0;

    /// <summary>The body as delivered, chunk framing removed, including a chunk the connection cut short.</summary>
    public byte[] Body => Chunks.SelectMany(c => c.Data).ToArray();

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body cut at each <c>\n</c>; a last piece without its newline is kept (a torn line).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var parts = BodyText.Split('\n');
            return parts[^1].Length == 0 ? parts[..^1] : parts;
        }
    }

    public string? Header(string name) => Head?[name];
}
