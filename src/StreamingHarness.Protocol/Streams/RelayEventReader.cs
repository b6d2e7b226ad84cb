using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// Reads the data of the relay's <c>token</c>, <c>done</c> and <c>error</c> events (see <c>Protocol/Relay/RelayEvents.cs</c>).
/// </summary>
internal static class RelayEventReader
{
    /// <summary><c>{"index":…,"content":"…","thinking":"…"}</c>: output when either text is non-empty.</summary>
    public static StreamLine ReadToken(ref Utf8JsonReader reader)
    {
        bool content = false, thinking = false;
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                content |= JsonFields.ReadText(ref reader, "content", ref problem);
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                thinking |= JsonFields.ReadText(ref reader, "thinking", ref problem);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return problem is not null
            ? StreamLine.Malformed(problem)
            : new StreamLine
            {
                Kind = StreamLineClassifier.OutputKind(content, thinking, false),
                HasOutput = content || thinking,
                CompletionTokens = -1,
            };
    }

    /// <summary><c>{"done_reason":…,"usage":{"completion_tokens":N,…},…}</c>: the terminal, with the token count.</summary>
    public static StreamLine ReadDone(ref Utf8JsonReader reader)
    {
        long tokens = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                tokens = JsonFields.ReadCompletionTokens(ref reader);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return new StreamLine { Kind = StreamLineKind.Terminal, CompletionTokens = tokens };
    }
}
