using System.Text;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>A broken ndjson line: which line, why, and the start of what it said.</summary>
public sealed class NdjsonFormatException : Exception
{
    /// <summary>How many bytes of a bad line are quoted in the message.</summary>
    public const int SnippetLength = 80;

    public NdjsonFormatException(NdjsonErrorKind kind, long lineNumber, string reason, string snippet)
        : base($"ndjson line {lineNumber}: {reason}" + (snippet.Length == 0 ? "" : $" (line starts: {snippet})"))
    {
        Kind = kind;
        LineNumber = lineNumber;
        Reason = reason;
        Snippet = snippet;
    }

    public NdjsonFormatException()
        : this(NdjsonErrorKind.InvalidJson, 0, "invalid line", "")
    {
    }

    public NdjsonFormatException(string message)
        : this(NdjsonErrorKind.InvalidJson, 0, message, "")
    {
    }

    public NdjsonFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Snippet = "";
    }

    public NdjsonErrorKind Kind { get; }

    /// <summary>1-based, counting every line including blank ones.</summary>
    public long LineNumber { get; }

    public string Reason { get; }

    public string Snippet { get; }

    /// <summary>The first bytes of a line as printable text: invalid UTF-8 becomes U+FFFD, control characters are escaped.</summary>
    public static string MakeSnippet(ReadOnlySpan<byte> line) => MakeSnippet(line, line.Length);

    /// <summary>As <see cref="MakeSnippet(ReadOnlySpan{byte})"/> for a line of which only the head is at hand.</summary>
    public static string MakeSnippet(ReadOnlySpan<byte> head, long lineLength)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, SnippetLength)]);
        var builder = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '"' => builder.Append("\\\""),
                _ when char.IsControl(c) => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        builder.Append('"');
        if (lineLength > SnippetLength)
        {
            builder.Append($"… ({lineLength} bytes)");
        }

        return builder.ToString();
    }
}
