using System.Text.Json;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Hides prompts and outputs in a recorded line or request body without changing a byte count: inside the JSON values
/// of text fields (content, thinking, response, prompt, system, reasoning, text, delta, input, images, tool-call arguments) every
/// byte but a space becomes <c>x</c>, and the numbers of <c>context</c> (token ids of the prompt) become 1s. Keys,
/// counts, durations and error messages stay, so the JSON stays valid and lengths and timing are unchanged. A torn or
/// malformed line is masked from the point where it stops being readable JSON.
/// </summary>
internal static class Redactor
{
    /// <summary>
    /// Keys whose string values are text. Their objects and arrays are walked, not masked whole: in the Responses and
    /// Messages streams <c>response</c>, <c>content</c> and <c>delta</c> hold objects whose types, ids and counts must
    /// stay (their text sits under <c>text</c>, <c>delta</c>, <c>thinking</c> or <c>partial_json</c> inside).
    /// </summary>
    private static readonly byte[][] TextKeys =
    [
        "content"u8.ToArray(), "thinking"u8.ToArray(), "response"u8.ToArray(), "prompt"u8.ToArray(), "system"u8.ToArray(),
        "suffix"u8.ToArray(), "reasoning"u8.ToArray(), "reasoning_content"u8.ToArray(), "text"u8.ToArray(),
        "delta"u8.ToArray(), "partial_json"u8.ToArray(), "input"u8.ToArray(), "instructions"u8.ToArray(),
        "images"u8.ToArray(), "arguments"u8.ToArray(), "context"u8.ToArray(),
    ];

    /// <summary>Keys whose arrays or objects are masked whole: images, tool-call arguments, context token ids.</summary>
    private static readonly byte[][] ContainerKeys = ["images"u8.ToArray(), "arguments"u8.ToArray(), "context"u8.ToArray()];

    public static byte[] Redact(ReadOnlySpan<byte> line)
    {
        var copy = line.ToArray();
        var start = line.IndexOf((byte)'{');
        if (start >= 0)
        {
            MaskJson(copy.AsSpan(start));
        }

        return copy;
    }

    private static void MaskJson(Span<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        var keyRedacts = false;
        var keyRedactsContainer = false;
        var containerDepth = -1;
        try
        {
            while (reader.Read())
            {
                var inRedacted = containerDepth >= 0 && reader.CurrentDepth > containerDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        keyRedacts = !inRedacted && IsKey(ref reader, TextKeys);
                        keyRedactsContainer = keyRedacts && IsKey(ref reader, ContainerKeys);
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when keyRedactsContainer && !inRedacted:
                        containerDepth = reader.CurrentDepth;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == containerDepth:
                        containerDepth = -1;
                        break;
                    case JsonTokenType.String when keyRedacts || inRedacted:
                        Mask(json.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length), (byte)'x');
                        break;
                    case JsonTokenType.Number when keyRedacts || inRedacted:
                        MaskDigits(json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length));
                        break;
                }

                keyRedacts = false;
            }
        }
        catch (JsonException)
        {
            // Malformed from here on: masked below like a torn line.
        }

        var rest = json[(int)reader.BytesConsumed..];
        for (var i = 0; i < rest.Length; i++)
        {
            var b = rest[i];
            if (b >= 0x80 || char.IsAsciiLetterOrDigit((char)b))
            {
                rest[i] = (byte)'x';
            }
        }
    }

    private static bool IsKey(ref Utf8JsonReader reader, byte[][] keys)
    {
        try
        {
            foreach (var key in keys)
            {
                if (reader.ValueTextEquals(key))
                {
                    return true;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // ValueTextEquals unescapes first and throws on a lone surrogate escape such as "\ud800"; a key holding
            // one cannot be one of the plain ASCII text keys, so it is not redacted (its value is kept, like Go keeps it).
        }

        return false;
    }

    private static void Mask(Span<byte> value, byte filler)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != (byte)' ')
            {
                value[i] = filler;
            }
        }
    }

    private static void MaskDigits(Span<byte> number)
    {
        for (var i = 0; i < number.Length; i++)
        {
            if (char.IsAsciiDigit((char)number[i]))
            {
                number[i] = (byte)'1';
            }
        }
    }
}
