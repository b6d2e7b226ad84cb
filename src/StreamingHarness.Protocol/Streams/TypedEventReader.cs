using System.Text.Json;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Responses;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// Reads the data of the SSE streams whose events are named by their type: OpenAI Responses (<c>response.*</c>) and
/// Anthropic Messages. The event name decides what the data is, as both SDKs read it: the text deltas are tokens, the
/// function-call arguments and <c>input_json_delta</c> are tool calls, <c>response.completed</c> (or
/// <c>.incomplete</c>) and <c>message_stop</c> are the terminals, and the lifecycle events carry nothing.
/// </summary>
internal static class TypedEventReader
{
    /// <summary><c>response.output_text.delta</c>, <c>response.reasoning_summary_text.delta</c>: the top-level <c>delta</c>.</summary>
    public static StreamLine ReadResponsesDelta(ref Utf8JsonReader reader, bool thinking)
    {
        var text = false;
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                text |= JsonFields.ReadText(ref reader, "delta", ref problem);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return problem is not null
            ? StreamLine.Malformed(problem)
            : Output(thinking ? StreamLineKind.Thinking : StreamLineKind.Content, text);
    }

    /// <summary><c>response.completed</c> / <c>.incomplete</c>: the terminal, with <c>response.usage.output_tokens</c>.</summary>
    public static StreamLine ReadResponsesEnd(ref Utf8JsonReader reader)
    {
        long tokens = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("response"u8))
            {
                JsonFields.SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8))
                {
                    tokens = JsonFields.ReadUsageCount(ref reader, "output_tokens"u8);
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }
        }

        return new StreamLine { Kind = StreamLineKind.Terminal, HasFinishReason = true, HasUsage = tokens >= 0, CompletionTokens = tokens };
    }

    /// <summary>
    /// <c>content_block_delta</c>: <c>text_delta</c> is content, <c>thinking_delta</c> thinking, <c>input_json_delta</c> a
    /// tool call (Ollama sends the whole arguments in one), <c>signature_delta</c> nothing.
    /// </summary>
    public static StreamLine ReadAnthropicDelta(ref Utf8JsonReader reader)
    {
        var kind = StreamLineKind.Empty;
        var output = false;
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("delta"u8))
            {
                JsonFields.SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "field 'delta' must be an object";
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    output |= JsonFields.ReadText(ref reader, "delta.text", ref problem);
                    kind = StreamLineKind.Content;
                }
                else if (reader.ValueTextEquals("thinking"u8))
                {
                    output |= JsonFields.ReadText(ref reader, "delta.thinking", ref problem);
                    kind = StreamLineKind.Thinking;
                }
                else if (reader.ValueTextEquals("partial_json"u8))
                {
                    JsonFields.ReadText(ref reader, "delta.partial_json", ref problem);
                    output = true;
                    kind = StreamLineKind.ToolCall;
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }
        }

        return problem is not null ? StreamLine.Malformed(problem) : Output(kind, output);
    }

    /// <summary><c>message_delta</c>: the stop reason and <c>usage.output_tokens</c>, before <c>message_stop</c>.</summary>
    public static StreamLine ReadAnthropicMessageDelta(ref Utf8JsonReader reader)
    {
        long tokens = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                tokens = JsonFields.ReadUsageCount(ref reader, "output_tokens"u8);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return new StreamLine { Kind = StreamLineKind.Empty, HasFinishReason = true, HasUsage = tokens >= 0, CompletionTokens = tokens };
    }

    /// <summary>
    /// An <c>error</c> event in any of the shapes: Responses' <c>{"code","message"}</c>, Anthropic's
    /// <c>{"type":"error","error":{"type","message"}}</c>, <c>response.failed</c>'s <c>{"response":{"error":{…}}}</c>.
    /// </summary>
    public static StreamLine ReadError(ref Utf8JsonReader reader)
    {
        string? code = null, message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                code = JsonFields.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                message = JsonFields.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8) && ErrorBody.TryReadValue(ref reader, out var innerCode, out var innerMessage))
            {
                (code, message) = (code ?? innerCode, innerMessage);
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject && ReadError(ref reader) is { Kind: StreamLineKind.Error } inner)
                {
                    (code, message) = (inner.ErrorCode, inner.ErrorMessage);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return StreamLine.Error(code, message ?? "(an error without a message)");
    }

    /// <summary>Which reader an event name calls for; null for the events that carry nothing (lifecycle, blocks, ping).</summary>
    public static StreamLineReader? For(string eventType) => eventType switch
    {
        ResponsesEventTypes.OutputTextDelta => static (ref Utf8JsonReader r) => ReadResponsesDelta(ref r, thinking: false),
        ResponsesEventTypes.ReasoningSummaryTextDelta or "response.reasoning_text.delta" =>
            static (ref Utf8JsonReader r) => ReadResponsesDelta(ref r, thinking: true),
        ResponsesEventTypes.FunctionCallArgumentsDelta => static (ref Utf8JsonReader r) => SkipAll(ref r, StreamLineKind.ToolCall),
        ResponsesEventTypes.Completed or ResponsesEventTypes.Incomplete => ReadResponsesEnd,
        AnthropicEventTypes.ContentBlockDelta => ReadAnthropicDelta,
        AnthropicEventTypes.MessageDelta => ReadAnthropicMessageDelta,
        AnthropicEventTypes.MessageStop => static (ref Utf8JsonReader r) => SkipAll(ref r, StreamLineKind.Terminal),
        ResponsesEventTypes.Failed or ResponsesEventTypes.Error => ReadError,
        _ => null,
    };

    private static StreamLine SkipAll(ref Utf8JsonReader reader, StreamLineKind kind)
    {
        reader.Skip();
        return new StreamLine { Kind = kind, HasOutput = kind == StreamLineKind.ToolCall, CompletionTokens = -1 };
    }

    private static StreamLine Output(StreamLineKind kind, bool output) =>
        new() { Kind = output || kind == StreamLineKind.ToolCall ? kind : StreamLineKind.Empty, HasOutput = output, CompletionTokens = -1 };
}
