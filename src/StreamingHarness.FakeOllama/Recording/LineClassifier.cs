using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Says what a recorded line carries, with the one stream vocabulary (<see cref="StreamLineClassifier"/>), so replayed
/// lines count tokens as the fake's own do (faults trigger "after N tokens") and the timing summary times the same
/// lines the load harness does. Anything unreadable is <see cref="LineKind.Other"/>, never an error: recordings keep faults.
/// </summary>
internal static class LineClassifier
{
    public static LineKind Classify(ReadOnlySpan<byte> line, string path, StreamFraming framing) =>
        framing == StreamFraming.Json ? LineKind.Body : ToLineKind(Read(line, path, framing), framing, line);

    /// <summary>The line in the shared vocabulary; a whole non-streamed body is <see cref="StreamLine.Empty"/>.</summary>
    public static StreamLine Read(ReadOnlySpan<byte> line, string path, StreamFraming framing) => framing switch
    {
        StreamFraming.Json => StreamLine.Empty,
        StreamFraming.Sse => StreamLineClassifier.SseEvent(line),
        _ => StreamLineClassifier.Ndjson(line, new OllamaChunkScanner(EndpointOf(path))),
    };

    private static OllamaEndpoint EndpointOf(string path) =>
        path.Contains("/generate", StringComparison.Ordinal) ? OllamaEndpoint.Generate : OllamaEndpoint.Chat;

    /// <summary>
    /// The fake's own line kinds, which also tell the OpenAI finish and usage chunks apart for the faults. As the fake's
    /// writers say it: Responses' <c>response.completed</c> and Anthropic's <c>message_delta</c> are the final line,
    /// <c>message_stop</c> an event, and only <c>data: [DONE]</c> the done marker.
    /// </summary>
    private static LineKind ToLineKind(StreamLine line, StreamFraming framing, ReadOnlySpan<byte> bytes) => line.Kind switch
    {
        StreamLineKind.Content => LineKind.Content,
        StreamLineKind.Thinking => LineKind.Thinking,
        StreamLineKind.ToolCall => LineKind.ToolCall,
        StreamLineKind.Terminal when framing != StreamFraming.Sse || line.HasFinishReason => LineKind.Final,
        StreamLineKind.Terminal => bytes.StartsWith("data:"u8) ? LineKind.DoneMarker : LineKind.Event,
        StreamLineKind.Empty when line.HasFinishReason => LineKind.Final,
        StreamLineKind.Empty when line.HasUsage => LineKind.Usage,
        _ => LineKind.Other,
    };
}
