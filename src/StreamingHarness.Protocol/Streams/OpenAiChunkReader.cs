using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// Reads an OpenAI stream chunk by path: a top-level <c>error</c> (<see cref="ErrorBody"/>), <c>choices[0]</c>'s <c>delta</c> (or
/// <c>message</c>), <c>text</c> and <c>finish_reason</c>, and <c>usage.completion_tokens</c>. Other choices and keys
/// are skipped unread.
/// </summary>
internal static class OpenAiChunkReader
{
    public static StreamLine Read(ref Utf8JsonReader reader)
    {
        bool content = false, thinking = false, toolCall = false, finished = false, usage = false;
        long tokens = -1;
        string? problem = null, errorCode = null;
        var errorMessage = "";
        var error = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                ReadChoices(ref reader, ref content, ref thinking, ref toolCall, ref finished, ref problem);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                usage = true;
                tokens = JsonFields.ReadCompletionTokens(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = ErrorBody.TryReadValue(ref reader, out errorCode, out errorMessage);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        if (error)
        {
            return StreamLine.Error(errorCode, errorMessage);
        }

        if (problem is not null)
        {
            return StreamLine.Malformed(problem);
        }

        return new StreamLine
        {
            Kind = StreamLineClassifier.OutputKind(content, thinking, toolCall),
            HasOutput = content || thinking || toolCall,
            CompletionTokens = tokens,
            HasFinishReason = finished,
            HasUsage = usage,
        };
    }

    private static void ReadChoices(
        ref Utf8JsonReader reader, ref bool content, ref bool thinking, ref bool toolCall, ref bool finished, ref string? problem)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    ReadDelta(ref reader, ref content, ref thinking, ref toolCall, ref problem);
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    content |= JsonFields.ReadText(ref reader, "choices[0].text", ref problem);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    finished |= reader.TokenType is not JsonTokenType.Null
                        && !(reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty);
                    reader.Skip();
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref bool content, ref bool thinking, ref bool toolCall, ref string? problem)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                content |= JsonFields.ReadText(ref reader, "delta.content", ref problem);
            }
            else if (reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("reasoning_content"u8))
            {
                thinking |= JsonFields.ReadText(ref reader, "delta.reasoning", ref problem);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                toolCall |= JsonFields.ReadNonEmptyArray(ref reader);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }
    }
}
