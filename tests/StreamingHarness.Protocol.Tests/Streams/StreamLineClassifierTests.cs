using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class StreamLineClassifierTests
{
    private static StreamLine Chat(string line) =>
        StreamLineClassifier.Ndjson(Encoding.UTF8.GetBytes(line), new OllamaChunkScanner(OllamaEndpoint.Chat));

    private static StreamLine OpenAi(string data) => StreamLineClassifier.OpenAiData(Encoding.UTF8.GetBytes(data));

    private static StreamLine Relay(string type, string data) => StreamLineClassifier.RelayEvent(type, Encoding.UTF8.GetBytes(data));

    [Theory]
    [InlineData("""{"message":{"role":"assistant","content":"Hi"},"done":false}""", StreamLineKind.Content, true)]
    [InlineData("""{"message":{"role":"assistant","content":"","thinking":"hm"},"done":false}""", StreamLineKind.Thinking, true)]
    [InlineData("""{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{}}}]},"done":false}""",
        StreamLineKind.ToolCall, true)]
    [InlineData("""{"message":{"role":"assistant","content":""},"done":false}""", StreamLineKind.Empty, false)]
    [InlineData("""{"message":{"role":"assistant","content":"!"},"done":true,"eval_count":3}""", StreamLineKind.Terminal, true)]
    [InlineData("""{"error":"boom","message":{"content":"x"},"done":false}""", StreamLineKind.Error, false)]
    [InlineData("""{"message":{"content":1},"done":false}""", StreamLineKind.Malformed, false)]
    [InlineData("", StreamLineKind.Empty, false)]
    [InlineData(" \t \r\n", StreamLineKind.Empty, false)]
    [InlineData(" \r \r\n", StreamLineKind.Empty, false)]
    public void Ndjson_Line_IsClassified(string line, StreamLineKind kind, bool hasOutput)
    {
        var result = Chat(line);

        result.Kind.ShouldBe(kind);
        result.HasOutput.ShouldBe(hasOutput);
    }

    [Fact]
    public void Ndjson_Final_GivesEvalCount_Error_GivesMessage()
    {
        Chat("""{"message":{"content":""},"done":true,"eval_count":42}""").CompletionTokens.ShouldBe(42);
        Chat("""{"error":"model \u0027x\u0027 not found"}""").ErrorMessage.ShouldBe("model 'x' not found");
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""", StreamLineKind.Content)]
    [InlineData("""{"choices":[{"index":0,"delta":{"reasoning":"hm"},"finish_reason":null}]}""", StreamLineKind.Thinking)]
    [InlineData("""{"choices":[{"index":0,"delta":{"reasoning_content":"hm"},"finish_reason":null}]}""", StreamLineKind.Thinking)]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"id":"c","index":0,"type":"function"}]},"finish_reason":null}]}""",
        StreamLineKind.ToolCall)]
    [InlineData("""{"object":"text_completion","choices":[{"text":"Hel","index":0,"finish_reason":null}]}""", StreamLineKind.Content)]
    public void OpenAiData_Output_IsClassifiedAsOutput(string data, StreamLineKind kind)
    {
        var result = OpenAi(data);

        result.Kind.ShouldBe(kind);
        result.HasOutput.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[]},"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{},"finish_reason":null,"logprobs":{"content":[{"token":"a","logprob":0}]}}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"thinking":"ollama says reasoning, not thinking"},"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{}},{"index":1,"delta":{"content":"second choice"}}]}""")]
    public void OpenAiData_NoOutput_IsEmpty(string data)
    {
        var result = OpenAi(data);

        result.Kind.ShouldBe(StreamLineKind.Empty);
        result.HasOutput.ShouldBeFalse();
    }

    [Fact]
    public void OpenAiData_FinishUsageDoneAndError_AreTold()
    {
        OpenAi("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""").HasFinishReason.ShouldBeTrue();
        var usage = OpenAi("""{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""");
        usage.HasUsage.ShouldBeTrue();
        usage.CompletionTokens.ShouldBe(2);
        OpenAi("[DONE]").Kind.ShouldBe(StreamLineKind.Terminal);
        OpenAi("[DONE] \r").Kind.ShouldBe(StreamLineKind.Terminal);
        var error = OpenAi("""{"error":{"message":"model 'x' not found","type":"not_found_error","param":null,"code":"nf"}}""");
        error.Kind.ShouldBe(StreamLineKind.Error);
        error.ErrorMessage.ShouldBe("model 'x' not found");
        error.ErrorCode.ShouldBe("nf");
    }

    /// <summary>The one error reader (ErrorBody): "" is no error, as Go reads Ollama's; a message-less object is its JSON.</summary>
    [Fact]
    public void OpenAiData_ErrorShapes_ReadAsErrorBodyReadsThem()
    {
        OpenAi("""{"error":"","choices":[{"delta":{"content":"a"}}]}""").Kind.ShouldBe(StreamLineKind.Content);
        OpenAi("""{"error":{"type":"server_error"}}""").ErrorMessage.ShouldBe("""{"type":"server_error"}""");
        OpenAi("""{"error":"boom"}""").ErrorMessage.ShouldBe("boom");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"choices":[{"delta":{"content":"cut""")]
    [InlineData("""{"choices":[{"delta":{"content":5}}]}""")]
    [InlineData("[1]")]
    public void OpenAiData_NotAChunk_IsMalformed(string data)
    {
        var result = OpenAi(data);

        result.Kind.ShouldBe(StreamLineKind.Malformed);
        result.Problem.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void OpenAiData_TextNotUtf8_IsMalformed()
    {
        byte[] data = [.. "{\"choices\":[{\"delta\":{\"content\":\""u8, 0xC3, 0x28, .. "\"}}]}"u8];

        StreamLineClassifier.OpenAiData(data).Problem.ShouldBe("field 'delta.content' is not valid UTF-8");
    }

    [Fact]
    public void RelayEvent_EachEventType_IsClassified()
    {
        Relay("start", """{"id":"r","model":"m","created":"t"}""").Kind.ShouldBe(StreamLineKind.Empty);
        Relay("token", """{"index":0,"content":"Hi"}""").Kind.ShouldBe(StreamLineKind.Content);
        Relay("token", """{"index":0,"content":"","thinking":"hm"}""").Kind.ShouldBe(StreamLineKind.Thinking);
        Relay("token", """{"index":0,"content":""}""").HasOutput.ShouldBeFalse();
        Relay("tool_call", """{"id":"c","name":"f","arguments":{}}""").Kind.ShouldBe(StreamLineKind.ToolCall);
        var done = Relay("done", """{"done_reason":"stop","usage":{"prompt_tokens":1,"completion_tokens":7},"ttft_ms":1,"total_ms":2}""");
        done.Kind.ShouldBe(StreamLineKind.Terminal);
        done.CompletionTokens.ShouldBe(7);
        var error = Relay("error", """{"code":"idle_timeout","message":"stalled","retryable":true}""");
        (error.Kind, error.ErrorCode, error.ErrorMessage).ShouldBe((StreamLineKind.Error, "idle_timeout", "stalled"));
    }

    [Theory]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", StreamLineKind.Content)]
    [InlineData("data: [DONE]\n\n", StreamLineKind.Terminal)]
    [InlineData("event: token\nid: 3\ndata: {\"index\":2,\"content\":\"a\"}\n\n", StreamLineKind.Content)]
    [InlineData("event: done\nid: 9\ndata: {\"usage\":{\"completion_tokens\":2}}\n\n", StreamLineKind.Terminal)]
    [InlineData(": keep-alive\n\n", StreamLineKind.Empty)]
    public void SseEvent_RecordedFrame_IsClassifiedByItsFraming(string frame, StreamLineKind kind) =>
        StreamLineClassifier.SseEvent(Encoding.UTF8.GetBytes(frame)).Kind.ShouldBe(kind);

    /// <summary>
    /// The same answer through the three framings has output on the same lines: thinking and a tool call are output
    /// everywhere, as in the native stream, so TTFT does not depend on which API a client used.
    /// </summary>
    [Fact]
    public void AllFramings_ThinkingAndToolCall_AreOutputAlike()
    {
        Chat("""{"message":{"role":"assistant","content":"","thinking":"hm"},"done":false}""").HasOutput.ShouldBeTrue();
        OpenAi("""{"choices":[{"index":0,"delta":{"reasoning":"hm"},"finish_reason":null}]}""").HasOutput.ShouldBeTrue();
        Relay("token", """{"index":0,"content":"","thinking":"hm"}""").HasOutput.ShouldBeTrue();

        Chat("""{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{}}}]},"done":false}""")
            .HasOutput.ShouldBeTrue();
        OpenAi("""{"choices":[{"index":0,"delta":{"tool_calls":[{"id":"c","index":0}]},"finish_reason":null}]}""").HasOutput.ShouldBeTrue();
        Relay("tool_call", """{"id":"c","name":"f","arguments":{}}""").HasOutput.ShouldBeTrue();
    }
}
