using System.Buffers;
using System.Text;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// A stream's common token line as bytes: the chunk as the serializer writes it with an empty <c>created_at</c> and an
/// empty text field, cut around those two values once per stream, so that each line writes only its timestamp and its
/// text between constant bytes (model, role, done). Hand-written because this is the measured hot path (issue 23): the
/// serializer walked the whole chunk, escaped the model again and searched the line for the timestamp's slot at every
/// token. Only text that needs no escaping goes this way (<see cref="Fits"/>): then its JSON form is its UTF-8, as the
/// writer would write it; any other text takes the serializer, so the wire is the same byte for byte.
/// </summary>
internal sealed class TokenLineTemplate
{
    private static readonly byte[] CreatedAt = "\"created_at\":\""u8.ToArray();

    // What GoJsonEncoder escapes (control characters, quote, backslash, < > &, U+2028, U+2029); surrogates are checked
    // apart: a lone one is replaced, so text with any surrogate takes the serializer.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\"\\<>&\u2028\u2029");

    private readonly byte[] _head;
    private readonly byte[] _middle;
    private readonly byte[] _tail;

    private TokenLineTemplate(byte[] head, byte[] middle, byte[] tail)
    {
        _head = head;
        _middle = middle;
        _tail = tail;
    }

    /// <summary>
    /// Cuts <paramref name="chunk"/> (serialized with <c>"created_at":""</c> and the text field empty) around the two
    /// values; <paramref name="textField"/> is the text's key and colon, e.g. <c>"content":</c>, found after the timestamp.
    /// The values before them are escaped (a quote inside one is <c>\"</c>), so a match is the key itself.
    /// </summary>
    public static TokenLineTemplate Create(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> textField)
    {
        var stamp = chunk.IndexOf(CreatedAt);
        var headEnd = stamp + CreatedAt.Length;
        var field = stamp < 0 ? -1 : chunk[headEnd..].IndexOf(textField);
        var textStart = headEnd + field + textField.Length + 1;
        if (field < 0 || chunk[headEnd] != '"' || chunk[(textStart - 1)..] is not [(byte)'"', (byte)'"', ..])
        {
            throw new ArgumentException("The chunk has no empty created_at followed by the empty text field.", nameof(chunk));
        }

        return new TokenLineTemplate(chunk[..headEnd].ToArray(), chunk[headEnd..textStart].ToArray(), chunk[textStart..].ToArray());
    }

    /// <summary>True when <paramref name="text"/> is written as is, its UTF-8 with no escape.</summary>
    public static bool Fits(string text)
    {
        var span = text.AsSpan();
        return !span.ContainsAny(Escaped) && !span.ContainsAnyInRange('\uD800', '\uDFFF');
    }

    /// <summary>The line's JSON, without framing; <paramref name="text"/> must <see cref="Fits"/>.</summary>
    public void Write(IBufferWriter<byte> line, DateTimeOffset createdAt, string text)
    {
        line.Write(_head);
        var stamp = line.GetSpan(OllamaTimestamp.MaxLength);
        line.Advance(OllamaTimestamp.Write(createdAt, stamp));
        line.Write(_middle);

        // Without surrogates, a UTF-16 unit is at most three UTF-8 bytes.
        line.Advance(Encoding.UTF8.GetBytes(text, line.GetSpan(text.Length * 3)));
        line.Write(_tail);
    }
}
