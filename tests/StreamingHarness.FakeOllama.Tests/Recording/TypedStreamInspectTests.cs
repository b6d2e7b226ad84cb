using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Recording;

/// <summary>
/// The timing summary of Responses and Messages recordings, with the probes' definitions: a text, reasoning or
/// thinking delta and a tool call's arguments are output, the lifecycle events are not, <c>response.completed</c> and
/// <c>message_stop</c> end E2E, and the usage's <c>output_tokens</c> is the token count TPOT divides by.
/// </summary>
public sealed class TypedStreamInspectTests
{
    [Fact]
    public void Timings_Responses_TimeTheDeltasAndEndAtCompleted()
    {
        var recording = Recording(
            "/v1/responses",
            Event(90, "response.created", """{"response":{"status":"in_progress"},"sequence_number":0,"type":"response.created"}"""),
            Event(95, "response.output_item.added",
                """{"item":{"type":"reasoning"},"output_index":0,"type":"response.output_item.added"}"""),
            Event(100, "response.reasoning_summary_text.delta", """{"delta":"Hm","item_id":"rs_1","type":"x"}"""),
            Event(120, "response.function_call_arguments.delta", """{"delta":"{}","item_id":"fc_1","type":"x"}"""),
            Event(150, "response.output_text.delta", """{"content_index":0,"delta":"Hi","item_id":"msg_1","type":"x"}"""),
            Event(155, "response.output_text.delta", """{"content_index":0,"delta":"","item_id":"msg_1","type":"x"}"""),
            Event(160, "response.output_text.done", """{"text":"Hi","type":"response.output_text.done"}"""),
            Event(180, "response.completed", """{"response":{"status":"completed","usage":{"input_tokens":1,"output_tokens":5}}}"""));

        var timings = RecordingTimings.Of(recording);

        recording.Lines.Select(l => l.Kind).ShouldBe(
            [LineKind.Other, LineKind.Other, LineKind.Thinking, LineKind.ToolCall, LineKind.Content, LineKind.Other, LineKind.Other,
                LineKind.Final]);
        timings.Tokens.ShouldBe(3);
        timings.TtftMs.ShouldBe(100);
        timings.ItlMs.ShouldBe([20, 30]);
        timings.E2eMs.ShouldBe(180);
        timings.TpotMs.ShouldBe(20);
    }

    [Fact]
    public void Timings_Messages_TimeTheDeltasAndEndAtMessageStop()
    {
        var recording = Recording(
            "/v1/messages",
            Event(90, "message_start", """{"type":"message_start","message":{"content":[],"usage":{"output_tokens":0}}}"""),
            Event(95, "content_block_start",
                """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            Event(100, "content_block_delta",
                """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hm"}}"""),
            Event(130, "content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}"""),
            Event(170, "content_block_delta",
                """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}"""),
            Event(175, "content_block_stop", """{"type":"content_block_stop","index":2}"""),
            Event(180, "message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":3}}"""),
            Event(190, "message_stop", """{"type":"message_stop"}"""));

        var timings = RecordingTimings.Of(recording);

        recording.Lines.Select(l => l.Kind).ShouldBe(
            [LineKind.Other, LineKind.Other, LineKind.Thinking, LineKind.Content, LineKind.ToolCall, LineKind.Other, LineKind.Final,
                LineKind.Event]);
        timings.Tokens.ShouldBe(3);
        timings.TtftMs.ShouldBe(100);
        timings.ItlMs.ShouldBe([30, 40]);
        timings.E2eMs.ShouldBe(190);
        timings.TpotMs.ShouldBe(45);
    }

    [Fact]
    public void Run_RecordedMessagesFile_PrintsItsTimingSummary()
    {
        using var folder = new TempFolder();
        var recording = Recording(
            "/v1/messages",
            Event(100, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}}"""),
            Event(110, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"b"}}"""),
            Event(130, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"c"}}"""),
            Event(140, "message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}"""),
            Event(150, "message_stop", """{"type":"message_stop"}"""));
        var file = RecordingStore.Save(folder.Path, "messages", RecordingYamlWriter.Write(recording));
        using var output = new StringWriter();

        var exit = InspectCommand.Run([file], json: false, output, TextWriter.Null);

        exit.ShouldBe(0);
        output.ToString().ShouldBe(string.Join(Environment.NewLine,
            file,
            "  request    POST /v1/messages, model 'qwen3'",
            "  response   200 text/event-stream, 5 lines, 3 tokens, ended completed",
            "  headers    90.0 ms",
            "  TTFT       100.0 ms",
            "  ITL (ms)   2 gaps: min 10.0  p50 10.0  p90 20.0  p99 20.0  max 20.0  mean 15.0",
            "  E2E        150.0 ms",
            "  TPOT       25.0 ms",
            "  tokens/s   66.7 (first to last token)",
            ""));
    }

    private static RecordedExchange Recording(string path, params (double AtMs, byte[] Bytes)[] events) => new()
    {
        Request = new RecordedRequest("POST", path, "qwen3", "hi", "{}"),
        Status = 200,
        Headers = [KeyValuePair.Create("Content-Type", "text/event-stream")],
        HeadersMs = 90,
        Lines = [.. events.Select(e => new RecordedLine(e.AtMs, e.Bytes, LineClassifier.Classify(e.Bytes, path, StreamFraming.Sse)))],
    };

    private static (double, byte[]) Event(double atMs, string type, string data) =>
        (atMs, Encoding.UTF8.GetBytes($"event: {type}\ndata: {data}\n\n"));
}
