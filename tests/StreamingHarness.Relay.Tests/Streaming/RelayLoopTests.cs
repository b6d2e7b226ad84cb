using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Streaming;

public sealed class RelayLoopTests
{
    private const string DoneLine =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
            + """true,"done_reason":"stop","prompt_eval_count":3,"eval_count":2}""" + "\n";

    [Fact]
    public async Task RunAsync_NormalStream_WritesStartAndTokensAndEndsDone()
    {
        var harness = new LoopHarness();

        var (outcome, bytes) = await harness.RunAsync(LoopHarness.Sse(), Chat("He"), Chat("llo"), DoneLine);

        outcome.Failure.ShouldBeNull();
        outcome.Done.ShouldNotBeNull();
        outcome.Done.DoneReason.ShouldBe("stop");
        outcome.Done.PromptTokens.ShouldBe(3);
        outcome.Done.CompletionTokens.ShouldBe(2);
        harness.Started.ShouldBeTrue();
        var events = await SseReader.ReadAllAsync(bytes);
        events.Select(e => (e.Type, e.Id)).ShouldBe([("start", "0"), ("token", "1"), ("token", "2"), ("done", "3")]);
        events[1].Data.ShouldBe("""{"index":0,"content":"He"}""");
        events[2].Data.ShouldBe("""{"index":1,"content":"llo"}""");
        var start = JsonDocument.Parse(events[0].Data).RootElement;
        start.GetProperty("id").GetString().ShouldBe("req-1");
        start.GetProperty("model").GetString().ShouldBe("m");
        var done = JsonDocument.Parse(events[3].Data).RootElement;
        done.GetProperty("done_reason").GetString().ShouldBe("stop");
        done.GetProperty("usage").GetRawText().ShouldBe("""{"prompt_tokens":3,"completion_tokens":2}""");
        done.GetProperty("ttft_ms").GetDouble().ShouldBeLessThanOrEqualTo(done.GetProperty("total_ms").GetDouble());
    }

    [Fact]
    public async Task RunAsync_SseFraming_IsExactBytes()
    {
        var harness = new LoopHarness();

        var (_, bytes) = await harness.RunAsync(LoopHarness.Sse(time: new FixedTime()), Chat("a\\nb"), """{"error":"x"}""" + "\n");

        System.Text.Encoding.UTF8.GetString(bytes).ShouldBe(
            "id: 0\nevent: start\ndata: {\"id\":\"req-1\",\"model\":\"m\",\"created\":\"2025-10-26T17:21:21.1962491Z\"}\n\n" +
            "id: 1\nevent: token\ndata: {\"index\":0,\"content\":\"a\\nb\"}\n\n" +
            "id: 2\nevent: error\ndata: {\"code\":\"upstream_error\",\"message\":\"x\",\"retryable\":true}\n\n");
    }

    [Fact]
    public async Task RunAsync_InBandError_FailsWithUpstreamErrorAndItsMessage()
    {
        var harness = new LoopHarness();

        var (outcome, bytes) = await harness.RunAsync(
            LoopHarness.Sse(), Chat("a"), """{"error":"model runner has unexpectedly stopped"}""" + "\n");

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamError);
        outcome.Failure.Message.ShouldBe("model runner has unexpectedly stopped");
        var events = await SseReader.ReadAllAsync(bytes);
        events.Select(e => e.Type).ShouldBe(["start", "token", "error"]);
        events[2].Data.ShouldBe("""{"code":"upstream_error","message":"model runner has unexpectedly stopped","retryable":true}""");
    }

    [Fact]
    public async Task RunAsync_InBandErrorBeforeAnyToken_HasNotStartedTheResponse()
    {
        var harness = new LoopHarness();

        var (outcome, bytes) = await harness.RunAsync(LoopHarness.Sse(), Chat(""), """{"error":"boom"}""" + "\n");

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamError);
        harness.Started.ShouldBeFalse();
        bytes.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_MalformedLine_FailsWithUpstreamProtocolNamingTheLine()
    {
        var harness = new LoopHarness();

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), Chat("a"), "{not json}\n", DoneLine);

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        outcome.Failure.Message.ShouldStartWith("malformed upstream line: ndjson line 2: not valid JSON");
    }

    [Fact]
    public async Task RunAsync_MalformedLineWithSkipOption_SkipsAndCountsIt()
    {
        var harness = new LoopHarness();
        harness.Options.Upstream.SkipMalformedLines = true;
        using var malformed = TestMetrics.Collect<long>(harness.Metrics, "relay.upstream.malformed_lines");

        var (outcome, bytes) = await harness.RunAsync(
            LoopHarness.Sse(), Chat("a"), "{not json}\n", """{"done":"yes"}""" + "\n", Chat("b"), DoneLine);

        outcome.Done.ShouldNotBeNull();
        (await TokensAsync(bytes)).ShouldBe(["""{"index":0,"content":"a"}""", """{"index":1,"content":"b"}"""]);
        malformed.GetMeasurementSnapshot().EvaluateAsCounter().ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_BlankLinesCrlfAndEmptyChunks_AreToleratedAndNotForwarded()
    {
        var harness = new LoopHarness();

        var (outcome, bytes) = await harness.RunAsync(
            LoopHarness.Sse(), "\n", Chat("").TrimEnd('\n') + "\r\n", "  \r\n", Chat("x").TrimEnd('\n') + "\r\n", Chat(""), "\n", DoneLine);

        outcome.Done.ShouldNotBeNull();
        (await TokensAsync(bytes)).ShouldBe(["""{"index":0,"content":"x"}"""]);
    }

    [Fact]
    public async Task RunAsync_MultiByteCharactersAcrossSegmentsAndEscapes_ArriveIntact()
    {
        var harness = new LoopHarness();

        var (_, bytes) = await harness.RunAsync(LoopHarness.Sse(), Chat("€ 日本語 🎉"), Chat("\\u003cb\\u003e \\\"q\\\" \\n"), DoneLine);

        var tokens = (await SseReader.ReadAllAsync(bytes)).Where(e => e.Type == "token").ToList();
        tokens[0].Data.ShouldBe("""{"index":0,"content":"€ 日本語 🎉"}""");
        tokens[1].Data.ShouldBe("""{"index":1,"content":"\u003cb\u003e \"q\" \n"}""");
        JsonDocument.Parse(tokens[1].Data).RootElement.GetProperty("content").GetString().ShouldBe("<b> \"q\" \n");
    }

    [Fact]
    public async Task RunAsync_EndWithoutDone_FailsWithUpstreamProtocol()
    {
        var harness = new LoopHarness();

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), Chat("a"), Chat("b"));

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        outcome.Failure.Message.ShouldBe("the upstream ended the stream after 2 lines without a done line");
    }

    [Fact]
    public async Task RunAsync_TornLastLine_FailsWithUpstreamProtocol()
    {
        var harness = new LoopHarness();

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), Chat("a"), """{"model":"m","message":{"role":"assis""");

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        outcome.Failure.Message.ShouldContain("the body ended mid-line");
    }

    [Fact]
    public async Task RunAsync_DataAfterDone_FailsWithUpstreamProtocol()
    {
        var harness = new LoopHarness();

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), Chat("a"), DoneLine, "\n", Chat("late"));

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.UpstreamProtocol);
        outcome.Failure.Message.ShouldBe("upstream line 4 came after the done line");
    }

    [Fact]
    public async Task RunAsync_ThinkingAndToolCalls_BecomeTokenAndToolCallEvents()
    {
        var harness = new LoopHarness();
        const string Thinking = """{"model":"m","message":{"role":"assistant","content":"","thinking":"hmm"},"done":false}""" + "\n";
        const string Tool =
            """{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_k3j9x2ab","function":{"index":"""
            + """0,"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done":false}""" + "\n";

        var (outcome, bytes) = await harness.RunAsync(LoopHarness.Sse(), Thinking, Tool, DoneLine);

        outcome.Done.ShouldNotBeNull();
        var events = await SseReader.ReadAllAsync(bytes);
        events.Select(e => (e.Type, e.Data)).Skip(1).SkipLast(1).ShouldBe(
        [
            ("token", """{"index":0,"content":"","thinking":"hmm"}"""),
            ("tool_call", """{"id":"call_k3j9x2ab","name":"get_weather","arguments":{"city":"Tokyo"}}"""),
        ]);
    }

    [Fact]
    public async Task RunAsync_ToolCallsWithoutIds_GetTheStreamsCallNumbersAsTheClientDoes()
    {
        var harness = new LoopHarness();
        const string Thinking = """{"model":"m","message":{"role":"assistant","content":"","thinking":"hmm"},"done":false}""" + "\n";
        const string Tool =
            """{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"a","arguments":"""
            + """{}}},{"function":{"name":"b"}}]},"done":false}""" + "\n";
        const string Late =
            """{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"c","arguments":"""
            + """{"x":1}}}]},"done":false}""" + "\n";

        var (_, bytes) = await harness.RunAsync(LoopHarness.Sse(), Thinking, Tool, Late, DoneLine);

        var events = await SseReader.ReadAllAsync(bytes);
        events.Where(e => e.Type == "tool_call").Select(e => e.Data).ShouldBe(
        [
            """{"id":"call_0","name":"a","arguments":{}}""",
            """{"id":"call_1","name":"b","arguments":{}}""",
            """{"id":"call_2","name":"c","arguments":{"x":1}}""",
        ]);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(300, 3)]
    [InlineData(5, 5)]
    public async Task RunAsync_EvalCount_StandsOnlyWhenCredibleAgainstTheOutputChunks(long evalCount, long completion)
    {
        var harness = new LoopHarness();
        const string Tool =
            """{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f"}}]},"done":false}""" + "\n";
        var done = DoneLine.Replace("\"eval_count\":2", "\"eval_count\":" + evalCount, StringComparison.Ordinal);

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), Chat("a"), Chat("b"), Tool, done);

        outcome.Done!.CompletionTokens.ShouldBe(completion);
    }

    [Fact]
    public async Task RunAsync_GenerateStream_ReadsResponseField()
    {
        var harness = new LoopHarness { Endpoint = OllamaEndpoint.Generate };
        const string Token = """{"model":"m","created_at":"2025-01-01T00:00:00Z","response":"Hi","done":false}""" + "\n";
        const string Done =
            """{"model":"m","created_at":"2025-01-01T00:00:00Z","response":"","done":true,"done_reason":"length","eval_count":1}""" + "\n";

        var (outcome, bytes) = await harness.RunAsync(LoopHarness.Sse(), Token, Done);

        outcome.Done!.DoneReason.ShouldBe("length");
        outcome.Done.PromptTokens.ShouldBe(0);
        (await SseReader.ReadAllAsync(bytes))[1].Data.ShouldBe("""{"index":0,"content":"Hi"}""");
    }

    [Fact]
    public async Task RunAsync_CoalescingWindow_MergesTokensThatArriveWithinIt()
    {
        var harness = new LoopHarness();
        harness.Options.Streaming.CoalesceWindow = TimeSpan.FromSeconds(5);

        var (outcome, bytes) = await harness.RunAsync(LoopHarness.Sse(coalesce: true), Chat("He"), Chat("l"), Chat("lo"), DoneLine);

        outcome.Done!.CompletionTokens.ShouldBe(2);
        (await TokensAsync(bytes)).ShouldBe(["""{"index":0,"content":"Hello"}"""]);
    }

    [Fact]
    public async Task RunAsync_ClientStopsReading_FailsWithClientTooSlowInsteadOfBuffering()
    {
        var harness = new LoopHarness { StalledClientBytes = 1024 };
        harness.Options.Streaming.MaxBufferedBytes = 4096;
        harness.Options.Streaming.SlowClientGracePeriod = TimeSpan.Zero;
        var token = new string('x', 200);
        var lines = Enumerable.Range(0, 200).Select(_ => Chat(token)).Append(DoneLine).ToArray();

        var (outcome, _) = await harness.RunAsync(LoopHarness.Sse(), lines);

        outcome.Failure!.Code.ShouldBe(RelayErrorCodes.ClientTooSlow);
        harness.Aborted.ShouldBeTrue();
        outcome.Failure.Message.ShouldBe("the client fell more than 4096 bytes behind the upstream");
    }

    [Fact]
    public async Task RunAsync_PassThrough_ForwardsValidLinesNormalised()
    {
        var harness = new LoopHarness();

        var (outcome, bytes) = await harness.RunAsync(
            new Relay.Streaming.NdjsonPassThroughFormat(), Chat("a").TrimEnd('\n') + "\r\n", "\n", DoneLine);

        outcome.Done.ShouldNotBeNull();
        System.Text.Encoding.UTF8.GetString(bytes).ShouldBe(Chat("a") + DoneLine);
        outcome.Done.RawLine.ShouldBe(System.Text.Encoding.UTF8.GetBytes(DoneLine.TrimEnd('\n')));
    }

    private static async Task<List<string>> TokensAsync(byte[] bytes) =>
        (await SseReader.ReadAllAsync(bytes)).Where(e => e.Type == "token").Select(e => e.Data).ToList();

    private static string Chat(string content) =>
        "{\"model\":\"m\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"" + content
            + "\"},\"done\":false}\n";

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new DateTime(2025, 10, 26, 17, 21, 21, DateTimeKind.Utc).AddTicks(1962491);
    }
}
