using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamingHarness.LoadTests.Probes;

/// <summary>
/// What an SSE <c>data:</c> payload says, for the two SSE protocols: whether it carries output text (a non-empty
/// <c>content</c>, <c>thinking</c>, <c>reasoning</c> or a tool call, wherever it sits), the completion token count
/// (<c>completion_tokens</c>), and an error. Read with <see cref="Utf8JsonReader"/>, allocating only for errors.
/// </summary>
internal readonly record struct SsePayload(bool HasText, long CompletionTokens, bool HasError, string? ErrorCode, string? ErrorMessage)
{
    public static SsePayload Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        bool hasText = false, hasError = false;
        long tokens = -1;
        string? code = null, message = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("thinking"u8)
                    || reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("reasoning_content"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !Utf8.IsValid(reader.ValueSpan))
                    {
                        throw new StreamProtocolException("an SSE data payload's text is not valid UTF-8");
                    }

                    hasText |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                }
                else if (reader.ValueTextEquals("tool_calls"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Read();
                        hasText |= reader.TokenType != JsonTokenType.EndArray;
                    }
                }
                else if (reader.ValueTextEquals("completion_tokens"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                    {
                        tokens = value;
                    }
                }
                else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("error"u8))
                {
                    hasError = true;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        message = reader.GetString();
                    }
                }
                else if (reader.CurrentDepth <= 2 && reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : code;
                }
                else if (reader.CurrentDepth <= 2 && reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    message = reader.TokenType == JsonTokenType.String ? reader.GetString() : message;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new StreamProtocolException("an SSE data payload is not valid JSON: " + ex.Message + " (data starts: " + Snippet(json) + ")");
        }

        return new SsePayload(hasText, tokens, hasError, code, message);
    }

    private static string Snippet(ReadOnlySpan<byte> json) => Encoding.UTF8.GetString(json[..Math.Min(json.Length, 80)]);
}
