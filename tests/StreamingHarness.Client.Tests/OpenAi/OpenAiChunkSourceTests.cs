using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StreamingHarness.Client.Events;
using StreamingHarness.Client.OpenAi;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Client.Tests.OpenAi;

/// <summary>
/// The OpenAI chat-completions reader on scripted bodies: what each event becomes as an Ollama chunk, and the fault
/// table, whose codes are those of the ndjson reader.
/// </summary>
public sealed class OpenAiChunkSourceTests
{
    private const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[""";

    [Fact]
    public async Task Read_TextFinishUsageDone_IsTokensThenDoneWithTheUsageCounts()
    {
        var result = await ReadAsync(Delta("""{"role":"assistant","content":"Hel"}"""), Delta("""{"content":"lo"}"""),
            Finish("stop"), Usage(10, 2), "[DONE]");

        result.Tokens.ShouldBe(["Hel", "lo"]);
        result.Done.ShouldBe(("stop", 10, 2));
    }

    [Fact]
    public async Task Read_TextIsEscapedAsGoEscapesIt()
    {
        var result = await ReadAsync(Delta("""{"content":"<a&b> \"é\" \u2028"}"""), Finish("stop"), "[DONE]");

        result.RawContent.ShouldBe(["""\u003ca\u0026b\u003e \"é\" \u2028"""]);
        result.Tokens.ShouldBe(["<a&b> \"é\" \u2028"]);
    }

    [Fact]
    public async Task Read_ReasoningAndReasoningContent_AreThinking()
    {
        var result = await ReadAsync(Delta("""{"reasoning":"Let"}"""), Delta("""{"reasoning_content":" me"}"""),
            Delta("""{"content":"Hi"}"""), Finish("length"), "[DONE]");

        result.Thinking.ShouldBe(["Let", " me"]);
        result.Tokens.ShouldBe(["Hi"]);
        result.Done.ShouldBe(("length", 0, -1));
    }

    [Fact]
    public async Task Read_ToolCallFragments_AreOneWholeCallWithObjectArguments_AndDoneReasonStop()
    {
        var result = await ReadAsync(
            Delta("""{"tool_calls":[{"index":0,"id":"call_ab12cd34","type":"function","function":{"name":"get_weather"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Tokyo\"}"}}]}"""),
            Finish("tool_calls"), "[DONE]");

        var call = result.Calls.ShouldHaveSingleItem();
        (call.Id, call.Name, call.Arguments["city"].GetString()).ShouldBe(("call_ab12cd34", "get_weather", "Tokyo"));
        result.Done!.Value.Reason.ShouldBe("stop");
    }

    [Fact]
    public async Task Read_FinishThenEndWithoutDoneMarker_IsWhole()
    {
        var result = await ReadAsync(Delta("""{"content":"Hi"}"""), Finish("stop"));

        result.Done.ShouldBe(("stop", 0, -1));
    }

    [Fact]
    public async Task Read_DoneMarkerWithSpaces_IsTheEnd()
    {
        var result = await ReadAsync(Delta("""{"content":"Hi"}"""), "[DONE]  ");

        result.Done.ShouldBe(("stop", 0, -1));
    }

    /// <summary>The one end rule (OpenAiStreamEnd): a break is never an end, even after a finish reason (it was whole before).</summary>
    [Fact]
    public async Task Read_FinishThenConnectionBreaks_IsUpstreamDisconnected()
    {
        var failure = await Should.ThrowAsync<OllamaStreamException>(
            () => ReadAsync(breakAtEnd: true, Delta("""{"content":"Hi"}"""), Finish("stop")));

        failure.Code.ShouldBe(RelayErrorCodes.UpstreamDisconnected);
    }

    [Theory]
    [InlineData("silent truncation: no finish, no [DONE]", RelayErrorCodes.UpstreamProtocol, "without data: [DONE] or a finish_reason",
        new[] { """{"content":"Hi"}""", """{"content":""}""" })]
    [InlineData("in-stream error payload", RelayErrorCodes.UpstreamError, "model ran out of memory",
        new[] { """{"content":"Hi"}""", "!{\"error\":{\"message\":\"model ran out of memory\",\"type\":\"api_error\"}}" })]
    [InlineData("not JSON", RelayErrorCodes.UpstreamProtocol, "malformed upstream event 2: not valid JSON",
        new[] { """{"content":"Hi"}""", "!{\"choices\":[" })]
    [InlineData("content of the wrong type", RelayErrorCodes.UpstreamProtocol,
        "field 'choices[0].delta.content' must be a string, found Number",
        new[] { """{"content":7}""" })]
    [InlineData("data after [DONE]", RelayErrorCodes.UpstreamProtocol, "upstream event 4 came after data: [DONE]",
        new[] { """{"content":"Hi"}""", "!FINISH", "![DONE]", """{"content":"again"}""" })]
    [InlineData("tool arguments that are not an object", RelayErrorCodes.UpstreamProtocol, "has arguments that are not a JSON object: [1",
        new[] { """{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"[1"}}]}""", "!FINISH" })]
    public async Task Read_Fault_FailsWithTheNdjsonReadersCode(string fault, string code, string message, string[] events)
    {
        var payloads = events.Select(e => e == "!FINISH" ? Finish("stop") : e.StartsWith('!') ? e[1..] : Delta(e)).ToArray();

        var failure = await Should.ThrowAsync<OllamaStreamException>(() => ReadAsync(payloads), fault);

        failure.Code.ShouldBe(code);
        failure.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Read_EventOverTheLimit_IsUpstreamProtocolEvenWhenSkippingMalformedEvents()
    {
        var tooLong = Delta($$"""{"content":"{{new string('x', 2000)}}"}""");

        var failure = await Should.ThrowAsync<OllamaStreamException>(() => ReadAsync(tooLong));

        failure.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        failure.Message.ShouldContain("over the 1024-byte limit");
    }

    private static string Delta(string delta) => Head + $$"""{"index":0,"delta":{{delta}},"finish_reason":null}]}""";

    private static string Finish(string reason) => Head + $$"""{"index":0,"delta":{},"finish_reason":"{{reason}}"}]}""";

    private static string Usage(int prompt, int completion) =>
        $$$"""{"id":"c","choices":[],"usage":{"prompt_tokens":{{{prompt}}},"completion_tokens":{{{completion}}},"total_tokens":0}}""";

    private static Task<Result> ReadAsync(params string[] payloads) => ReadAsync(breakAtEnd: false, payloads);

    private static async Task<Result> ReadAsync(bool breakAtEnd, params string[] payloads)
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(payloads.Select(p => $"data: {p}\n\n")));
        using var deadlines = new OllamaStreamDeadlines(
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2),
            new FakeTimeProvider(),
            TestContext.Current.CancellationToken);
        await using var source = breakAtEnd
            ? await OpenAiChunkSource.OpenAsync(
                new HttpResponseMessage { Content = new StreamContent(new BreaksAtEnd(body)) }, deadlines, 1024, skipMalformedEvents: false)
            : OpenAiChunkSource.FromBody(body, deadlines, maxEventBytes: 1024);
        var result = new Result();
        var capture = new RawRecorder(result.RawContent);
        while (await source.ReadLineAsync())
        {
            capture.Reset();
            var handled = source.HandleLine(capture);
            if (handled == OllamaLineResult.Skipped)
            {
                continue;
            }

            Add(result.Tokens, capture.Inner.Content.WrittenSpan);
            Add(result.Thinking, capture.Inner.Thinking.WrittenSpan);
            result.Calls.AddRange(capture.Inner.ToolCalls);
            if (handled == OllamaLineResult.Done)
            {
                result.Done = (capture.Inner.DoneReason, capture.Inner.PromptTokens, capture.Inner.CompletionTokens);
            }
        }

        return result;
    }

    private static void Add(List<string> into, ReadOnlySpan<byte> text)
    {
        if (!text.IsEmpty)
        {
            into.Add(Encoding.UTF8.GetString(text));
        }
    }

    /// <summary>The events' capture, plus each chunk's content as it arrived, still escaped.</summary>
    private sealed class RawRecorder(List<string> raw) : IOllamaChunkHandler
    {
        public ChunkCapture Inner { get; } = new();

        public void Reset() => Inner.Reset();

        public void OnFirstToken() => Inner.OnFirstToken();

        public void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line)
        {
            Add(raw, chunk.ContentRaw);
            Inner.OnChunk(chunk, line);
        }

        public void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line) => Inner.OnDone(chunk, line);

        public void OnMalformedLineSkipped() => Inner.OnMalformedLineSkipped();
    }

    private sealed class Result
    {
        public List<string> Tokens { get; } = [];

        public List<string> RawContent { get; } = [];

        public List<string> Thinking { get; } = [];

        public List<OllamaToolCall> Calls { get; } = [];

        public (string Reason, long Prompt, long Completion)? Done { get; set; }
    }

    /// <summary>The body, then a connection reset instead of its end.</summary>
    private sealed class BreaksAtEnd(byte[] body) : MemoryStream(body, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("connection reset by peer");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset by peer");
    }
}
