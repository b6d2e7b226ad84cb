using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Recording;

public sealed class InspectTests
{
    /// <summary>Headers at 90 ms, tokens at 100, 110, 130, 160 and 200 ms, a role-only chunk and the final chunk at 210 ms.</summary>
    private static RecordedExchange Sample() => new()
    {
        Request = new RecordedRequest("POST", "/api/chat", "llama3.2", "hi", "{}"),
        Status = 200,
        Headers = [KeyValuePair.Create("Content-Type", "application/x-ndjson")],
        HeadersMs = 90,
        Lines =
        [
            Line(95, """{"message":{"role":"assistant","content":""},"done":false}"""),
            Line(100, """{"message":{"role":"assistant","content":"a"},"done":false}"""),
            Line(110, """{"message":{"role":"assistant","thinking":"b","content":""},"done":false}"""),
            Line(130, """{"message":{"role":"assistant","content":"c"},"done":false}"""),
            Line(160, """{"message":{"role":"assistant","content":"d"},"done":false}"""),
            Line(200, """{"message":{"role":"assistant","content":"e"},"done":false}"""),
            Line(210, """{"message":{"role":"assistant","content":""},"done":true,"eval_count":5,"eval_duration":100000000}"""),
        ],
    };

    [Fact]
    public void Timings_Sample_FollowTheLoadHarnessDefinitions()
    {
        var timings = RecordingTimings.Of(Sample());

        timings.Tokens.ShouldBe(5);
        timings.HeadersMs.ShouldBe(90);
        timings.TtftMs.ShouldBe(100);
        timings.ItlMs.ShouldBe([10, 20, 30, 40]);
        timings.ItlPercentile(50).ShouldBe(20);
        timings.ItlPercentile(90).ShouldBe(40);
        timings.ItlPercentile(99).ShouldBe(40);
        timings.E2eMs.ShouldBe(210);
        timings.TpotMs.ShouldBe(27.5);
        timings.DecodeTokensPerSecond.ShouldBe(40);
        timings.EvalCount.ShouldBe(5);
        timings.OllamaTokensPerSecond.ShouldBe(50);
    }

    /// <summary>
    /// The load probes' definition (Protocol's StreamLineClassifier): reasoning and a tool call are output, a role-only
    /// chunk and the finish and usage chunks are not, <c>[DONE]</c> ends E2E, and the usage count is the token count.
    /// </summary>
    [Fact]
    public void Timings_OpenAiSse_TimeReasoningAndToolCallsAsTheProbesDo()
    {
        var recording = new RecordedExchange
        {
            Request = new RecordedRequest("POST", "/v1/chat/completions", "llama3.2", "hi", "{}"),
            Status = 200,
            Headers = [KeyValuePair.Create("Content-Type", "text/event-stream")],
            HeadersMs = 90,
            Lines =
            [
                Sse(95, """{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""),
                Sse(100, """{"choices":[{"index":0,"delta":{"reasoning":"a"},"finish_reason":null}]}"""),
                Sse(120,
                """{"choices":[{"index":0,"delta":{"tool_calls":[{"id":"c","index":0,"type":"function"}]},"finish_reason":null}]}"""),
                Sse(150, """{"choices":[{"index":0,"delta":{"content":"c"},"finish_reason":null}]}"""),
                Sse(160, """{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""),
                Sse(170, """{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":5,"total_tokens":6}}"""),
                Sse(180, "[DONE]"),
            ],
        };

        var timings = RecordingTimings.Of(recording);

        recording.Lines.Select(l => l.Kind).ShouldBe(
            [LineKind.Other, LineKind.Thinking, LineKind.ToolCall, LineKind.Content, LineKind.Final, LineKind.Usage, LineKind.DoneMarker]);
        timings.Tokens.ShouldBe(3);
        timings.TtftMs.ShouldBe(100);
        timings.ItlMs.ShouldBe([20, 30]);
        timings.E2eMs.ShouldBe(180);
        timings.TpotMs.ShouldBe(20);
    }

    [Fact]
    public void Classify_CompletionsChunkWithZeroUsage_IsContent()
    {
        const string Data =
            """{"object":"text_completion","choices":[{"text":"Hel","index":0,"finish_reason":null}],"usage":{"completion_tokens":0}}""";
        var frame = Encoding.UTF8.GetBytes("data: " + Data + "\n\n");

        LineClassifier.Classify(frame, "/v1/completions", StreamFraming.Sse).ShouldBe(LineKind.Content);
    }

    [Fact]
    public void Run_GoodAndCorruptFiles_PrintsTheSummaryAndTheErrorWithLineThenFails()
    {
        using var folder = new TempFolder();
        var good = RecordingStore.Save(folder.Path, "good", RecordingYamlWriter.Write(Sample()));
        var bad = folder.File("bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(good).Replace("end: completed", "end: later", StringComparison.Ordinal));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = InspectCommand.Run([good, bad], json: false, output, error);

        exit.ShouldBe(1);
        var badLine = File.ReadAllLines(bad).ToList().FindIndex(l => l.Contains("end: later", StringComparison.Ordinal)) + 1;
        error.ToString()
            .ShouldBe(
            $"error: bad recording: {bad}:{badLine}: field 'end' must be one of completed, eof, reset, client-left, not "
            + $"'later'{Environment.NewLine}");
        output.ToString().ShouldBe(string.Join(Environment.NewLine,
            good,
            "  request    POST /api/chat, model 'llama3.2'",
            "  response   200 application/x-ndjson, 7 lines, 5 tokens, ended completed",
            "  headers    90.0 ms",
            "  TTFT       100.0 ms",
            "  ITL (ms)   4 gaps: min 10.0  p50 20.0  p90 40.0  p99 40.0  max 40.0  mean 25.0",
            "  E2E        210.0 ms",
            "  TPOT       27.5 ms",
            "  tokens/s   40.0 (first to last token); Ollama's own eval_count/eval_duration: 5 tokens, 50.0/s",
            ""));
    }

    [Fact]
    public void Run_ScriptedScenarioFile_PrintsTheTimingItsSettingsPromise()
    {
        using var folder = new TempFolder();
        var file = folder.File("synthetic.yaml");
        File.WriteAllText(file, "load_ms: 20\nfirst_token_ms: 80\ninter_token_ms: 25\njitter_ms: 5\nfaults:\n  - kind: stall\n");
        using var output = new StringWriter();

        var exit = InspectCommand.Run([file], json: false, output, TextWriter.Null);

        exit.ShouldBe(0);
        output.ToString().ShouldBe(
            $"{file}{Environment.NewLine}  scripted   TTFT 100.0 ms (load 20.0 + first token 80.0), ITL 25.0 ms ± 5.0 ms (uniform), 40.0 "
            + $"tokens/s; faults: stall{Environment.NewLine}");
    }

    [Fact]
    public void Run_Json_OneObjectPerRecording()
    {
        using var folder = new TempFolder();
        RecordingStore.Save(folder.Path, "good", RecordingYamlWriter.Write(Sample()));
        File.WriteAllText(folder.File("scripted.yaml"), "response: hi\n");
        using var output = new StringWriter();

        var exit = InspectCommand.Run([folder.Path], json: true, output, TextWriter.Null);

        exit.ShouldBe(0);
        var text = output.ToString();
        text.ShouldContain("\"ttft_ms\": 100");
        text.ShouldContain("\"itl_p50_ms\": 20");
        text.ShouldContain("\"tokens_per_second\": 40");
        text.ShouldNotContain("scripted.yaml");
    }

    private static RecordedLine Sse(double atMs, string data)
    {
        var bytes = Encoding.UTF8.GetBytes("data: " + data + "\n\n");
        return new RecordedLine(atMs, bytes, LineClassifier.Classify(bytes, "/v1/chat/completions", StreamFraming.Sse));
    }

    private static RecordedLine Line(double atMs, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        return new RecordedLine(atMs, bytes, LineClassifier.Classify(bytes, "/api/chat", StreamFraming.Ndjson));
    }
}
