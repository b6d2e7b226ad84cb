using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class OllamaChunkScannerTests
{
    private static string S(ReadOnlySpan<byte> raw) => Encoding.UTF8.GetString(raw);

    [Fact]
    public void Scan_ChatPartial_GivesContentKeptEscaped()
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(
            """{"model":"m","created_at":"x","message":{"role":"assistant","content":"a\nb \u003c"},"done":false}"""u8, 1);

        chunk.Kind.ShouldBe(OllamaChunkKind.Partial);
        S(chunk.ContentRaw).ShouldBe("a\\nb \\u003c");
        OllamaChunk.Decode(chunk.ContentRaw).ShouldBe("a\nb <");
        chunk.HasThinking.ShouldBeFalse();
        chunk.EvalCount.ShouldBe(-1);
    }

    [Fact]
    public void Scan_ChatThinkingAndToolCalls_AreViewsOfTheLine()
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(
            """{"message":{"role":"assistant","content":"","thinking":"hm","tool_calls":[{"function":{"index":0,"name":"f","arguments":"""u8
            + """{"x":1}}}]},"done":false}"""u8,
            1);

        S(chunk.ThinkingRaw).ShouldBe("hm");
        S(chunk.ToolCallsJson).ShouldBe("""[{"function":{"index":0,"name":"f","arguments":{"x":1}}}]""");
        chunk.HasContent.ShouldBeFalse();
    }

    [Fact]
    public void Scan_Final_GivesReasonAndCounts()
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Generate).Scan(
            """{"model":"m","response":"","done":true,"done_reason":"length","context":[1,2],"prompt_eval_count":26,"eval_count":"""u8
            + """259,"eval_duration":5}"""u8,
            7);

        chunk.Kind.ShouldBe(OllamaChunkKind.Done);
        S(chunk.DoneReasonRaw).ShouldBe("length");
        chunk.PromptEvalCount.ShouldBe(26);
        chunk.EvalCount.ShouldBe(259);
    }

    [Fact]
    public void Scan_FinalWithoutPromptEvalCount_SaysAbsent()
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Generate).Scan("""{"response":"","done":true,"eval_count":3}"""u8, 1);

        chunk.PromptEvalCount.ShouldBe(-1);
    }

    [Fact]
    public void Scan_GenerateThinking_IsRead()
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Generate).Scan("""{"response":"","thinking":"Let me","done":false}"""u8, 1);

        S(chunk.ThinkingRaw).ShouldBe("Let me");
    }

    [Theory]
    [InlineData("""{"error":"model runner has unexpectedly stopped"}""")]
    [InlineData("""{"done":true,"message":{"content":""},"error":"model runner has unexpectedly stopped"}""")]
    public void Scan_ErrorKey_WinsWhateverElseTheLineSays(string line)
    {
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(Encoding.UTF8.GetBytes(line), 2);

        chunk.Kind.ShouldBe(OllamaChunkKind.Error);
        S(chunk.ErrorRaw).ShouldBe("model runner has unexpectedly stopped");
    }

    [Theory]
    [InlineData("""{"error":null,"message":{"content":"x"},"done":false}""")]
    [InlineData("""{"error":"","message":{"content":"x"},"done":false}""")]
    public void Scan_NullOrEmptyError_IsNotAnError(string line)
    {
        // Go's client only fails on a non-empty error string.
        var chunk = new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(Encoding.UTF8.GetBytes(line), 1);

        chunk.Kind.ShouldBe(OllamaChunkKind.Partial);
        S(chunk.ContentRaw).ShouldBe("x");
    }

    [Theory]
    [InlineData(
        """{"message":{"content":"x"},"done":"no"}""", NdjsonErrorKind.InvalidChunk,
        "ndjson line 4: field 'done' must be a boolean, found a string")]
    [InlineData("""{"message":{"content":"x"}}""", NdjsonErrorKind.InvalidChunk, "ndjson line 4: field 'done' is missing")]
    [InlineData("""{"done":false}""", NdjsonErrorKind.InvalidChunk, "ndjson line 4: field 'message' is missing")]
    [InlineData(
        """{"message":"x","done":false}""", NdjsonErrorKind.InvalidChunk,
        "ndjson line 4: field 'message' must be an object, found a string")]
    [InlineData(
        """{"message":{"content":1},"done":false}""", NdjsonErrorKind.InvalidChunk,
        "ndjson line 4: field 'message.content' must be a string, found a number")]
    [InlineData("""[1]""", NdjsonErrorKind.InvalidJson, "ndjson line 4: a line must hold one JSON object")]
    [InlineData("""{"message":{"content":"x""", NdjsonErrorKind.InvalidJson, "ndjson line 4: not valid JSON: ")]
    [InlineData("", NdjsonErrorKind.InvalidJson, "ndjson line 4: blank line")]
    [InlineData(" \r", NdjsonErrorKind.InvalidJson, "ndjson line 4: blank line")]
    public void Scan_BadLine_NamesLineFieldAndReason(string line, NdjsonErrorKind kind, string messageStart)
    {
        var scanner = new OllamaChunkScanner(OllamaEndpoint.Chat);

        var error = Should.Throw<NdjsonFormatException>(() => { _ = scanner.Scan(Encoding.UTF8.GetBytes(line), 4); });

        error.Kind.ShouldBe(kind);
        error.LineNumber.ShouldBe(4);
        error.Message.ShouldStartWith(messageStart);
    }

    [Fact]
    public void Scan_LineInSeveralSegments_ReadsLikeOne()
    {
        var line = ByteSegment.Of("""{"message":{"content":"hel"""u8.ToArray(), """lo"},"done":false}"""u8.ToArray());

        var chunk = new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(line, 1);

        S(chunk.ContentRaw).ShouldBe("hello");
    }
}
