using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

/// <summary>The Responses and Messages events in the one stream vocabulary, and their text for verify.</summary>
public sealed class TypedEventClassifierTests
{
    [Theory]
    [InlineData("response.output_text.delta", """{"delta":"Hi","type":"response.output_text.delta"}""", StreamLineKind.Content, true)]
    [InlineData("response.output_text.delta", """{"delta":"","type":"response.output_text.delta"}""", StreamLineKind.Empty, false)]
    [InlineData("response.output_text.delta", """{"delta":1}""", StreamLineKind.Malformed, false)]
    [InlineData("response.reasoning_summary_text.delta", """{"delta":"hm"}""", StreamLineKind.Thinking, true)]
    [InlineData("response.function_call_arguments.delta", """{"delta":"{}"}""", StreamLineKind.ToolCall, true)]
    [InlineData("response.created", """{"response":{"status":"in_progress"}}""", StreamLineKind.Empty, false)]
    [InlineData("response.output_text.done", """{"text":"Hi"}""", StreamLineKind.Empty, false)]
    [InlineData("content_block_delta", """{"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}}""",
        StreamLineKind.Content, true)]
    [InlineData("content_block_delta", """{"delta":{"type":"thinking_delta","thinking":"hm"}}""", StreamLineKind.Thinking, true)]
    [InlineData("content_block_delta", """{"delta":{"type":"input_json_delta","partial_json":""}}""", StreamLineKind.ToolCall, true)]
    [InlineData("content_block_delta", """{"delta":{"type":"signature_delta","signature":"s"}}""", StreamLineKind.Empty, false)]
    [InlineData("content_block_delta", """{"delta":"Hi"}""", StreamLineKind.Malformed, false)]
    [InlineData("message_start", """{"type":"message_start","message":{"content":[]}}""", StreamLineKind.Empty, false)]
    [InlineData("ping", """{"type":"ping"}""", StreamLineKind.Empty, false)]
    [InlineData("message_stop", """{"type":"message_stop"}""", StreamLineKind.Terminal, false)]
    [InlineData("response.output_text.delta", """{"delta":"cut""", StreamLineKind.Malformed, false)]
    public void TypedEvent_Event_IsClassified(string type, string data, StreamLineKind kind, bool hasOutput)
    {
        var line = StreamLineClassifier.TypedEvent(type, Encoding.UTF8.GetBytes(data));

        line.Kind.ShouldBe(kind);
        line.HasOutput.ShouldBe(hasOutput);
    }

    [Fact]
    public void TypedEvent_EndsAndUsage_AreTold()
    {
        var completed = Typed("response.completed", """{"response":{"status":"completed","usage":{"input_tokens":2,"output_tokens":7}}}""");
        var messageDelta = Typed("message_delta", """{"delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":4}}""");

        completed.Kind.ShouldBe(StreamLineKind.Terminal);
        completed.CompletionTokens.ShouldBe(7);
        completed.HasFinishReason.ShouldBeTrue();
        messageDelta.Kind.ShouldBe(StreamLineKind.Empty);
        messageDelta.HasFinishReason.ShouldBeTrue();
        messageDelta.CompletionTokens.ShouldBe(4);
    }

    [Theory]
    [InlineData("error", """{"type":"error","code":"server_error","message":"boom","sequence_number":3}""", "server_error", "boom")]
    [InlineData("error", """{"type":"error","error":{"type":"overloaded_error","message":"busy"},"request_id":"r"}""", null, "busy")]
    [InlineData("response.failed", """{"response":{"status":"failed","error":{"code":"server_error","message":"gone"}}}""",
        "server_error", "gone")]
    [InlineData("error", """{"code":"upstream_failed","message":"relay says no","retryable":true}""", "upstream_failed", "relay says no")]
    public void TypedEvent_ErrorShapes_GiveCodeAndMessage(string type, string data, string? code, string message)
    {
        var line = Typed(type, data);

        line.Kind.ShouldBe(StreamLineKind.Error);
        line.ErrorCode.ShouldBe(code);
        line.ErrorMessage.ShouldBe(message);
    }

    [Fact]
    public void SseEvent_RecordedTypedFrames_AreReadByTheirEventName()
    {
        StreamLineClassifier.SseEvent("event: response.output_text.delta\ndata: {\"delta\":\"a\"}\n\n"u8).Kind
            .ShouldBe(StreamLineKind.Content);
        StreamLineClassifier.SseEvent("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"u8).Kind
            .ShouldBe(StreamLineKind.Terminal);
        StreamLineClassifier.SseEvent("event: token\ndata: {\"index\":0,\"content\":\"a\"}\n\n"u8).Kind.ShouldBe(StreamLineKind.Content);
    }

    [Theory]
    [InlineData("""{"content_index":0,"delta":"naïve","item_id":"msg_1"}""", "naïve")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"日本"}}""", "日本")]
    [InlineData("""{"delta":{"type":"text_delta","text":""}}""", null)]
    [InlineData("""not json""", null)]
    public void TypedEventDelta_ReadsTheText(string data, string? text) =>
        StreamLineText.TypedEventDelta(Encoding.UTF8.GetBytes(data)).ShouldBe(text);

    private static StreamLine Typed(string type, string data) => StreamLineClassifier.TypedEvent(type, Encoding.UTF8.GetBytes(data));
}
