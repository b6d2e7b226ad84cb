using System.Text.Json;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Says what a recorded line carries, so replayed lines count tokens as the fake's own do (faults trigger "after N
/// tokens") and the timing summary finds the token lines. A token is a chunk with non-empty content or thinking, as in
/// the TTFT definition; anything unreadable is <see cref="LineKind.Other"/>, never an error: recordings keep faults.
/// </summary>
internal static class LineClassifier
{
    public static LineKind Classify(ReadOnlySpan<byte> line, string path, StreamFraming framing) => framing switch
    {
        StreamFraming.Json => LineKind.Body,
        StreamFraming.Sse => ClassifySse(line),
        _ => ClassifyNative(line, path.Contains("/generate", StringComparison.Ordinal) ? OllamaEndpoint.Generate : OllamaEndpoint.Chat),
    };

    private static LineKind ClassifyNative(ReadOnlySpan<byte> line, OllamaEndpoint endpoint)
    {
        var json = line.TrimEnd("\r\n"u8);
        if (json.IsEmpty)
        {
            return LineKind.Other;
        }

        try
        {
            var chunk = new OllamaChunkScanner(endpoint).Scan(json, 1);
            return chunk.Kind switch
            {
                OllamaChunkKind.Done => LineKind.Final,
                OllamaChunkKind.Error => LineKind.Other,
                _ when chunk.HasContent => LineKind.Content,
                _ when chunk.HasThinking => LineKind.Thinking,
                _ when chunk.HasToolCalls => LineKind.ToolCall,
                _ => LineKind.Other,
            };
        }
        catch (NdjsonFormatException)
        {
            return LineKind.Other;
        }
    }

    /// <summary>An OpenAI chunk: <c>delta.content</c> or <c>delta.reasoning</c> is a token; <c>finish_reason</c> the final one.</summary>
    private static LineKind ClassifySse(ReadOnlySpan<byte> frame)
    {
        var data = frame.Trim("\r\n "u8);
        if (!data.StartsWith("data:"u8))
        {
            return LineKind.Other;
        }

        data = data["data:"u8.Length..].TrimStart(" "u8);
        if (data.SequenceEqual("[DONE]"u8))
        {
            return LineKind.DoneMarker;
        }

        try
        {
            return ScanOpenAiChunk(data);
        }
        catch (JsonException)
        {
            return LineKind.Other;
        }
    }

    private static LineKind ScanOpenAiChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        bool content = false, reasoning = false, toolCalls = false, finished = false, usage = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isContent = reader.ValueTextEquals("content"u8);
            var isReasoning = reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("reasoning_content"u8);
            var isToolCalls = reader.ValueTextEquals("tool_calls"u8);
            var isFinish = reader.ValueTextEquals("finish_reason"u8);
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            var present = reader.TokenType is not JsonTokenType.Null && !(reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty);
            content |= isContent && present;
            reasoning |= isReasoning && present;
            toolCalls |= isToolCalls && present;
            finished |= isFinish && present;
            usage |= isUsage && present;
            if (reader.TokenType is JsonTokenType.StartArray && isToolCalls)
            {
                reader.Skip();
            }
        }

        return content ? LineKind.Content
            : reasoning ? LineKind.Thinking
            : toolCalls ? LineKind.ToolCall
            : finished ? LineKind.Final
            : usage ? LineKind.Usage
            : LineKind.Other;
    }
}
