using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>The three tool-call paths: template (streamed as parsed), native (silence, then the done chunk), generate.</summary>
public sealed class ToolCallPathTests
{
    private const string Calls =
        "name: t\nmodels:\n  - name: t\n    capabilities: [completion, tools]\nresponse: \"Ok\"\nseed: 3\n"
        + "tool_calls:\n  - name: get_weather\n    arguments: {city: Tokyo}\n  - name: get_time\n    arguments: {zone: JST}\n";

    private static readonly string Tools = Q(",'tools':[{'type':'function','function':{'name':'get_weather'}}]");

    private static RawHttpRequest ChatWithTools(bool stream = true) => RawHttpRequest.PostJson(
        "/api/chat", Q("{'model':'t','stream':") + (stream ? "true" : "false") + Tools + Q(",'messages':[{'role':'user','content':'q'}]}"));

    [Fact]
    public async Task Native_IsSilentWhileTheCallsAreGenerated_ThenEveryCallRidesOnTheDoneChunk()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Calls + "tool_path: native\ntool_silence_ms: 4000\n");
        var reading = SendAsync(fake, ChatWithTools());

        await Eventually.WaitAsync(
            () => (fake.Journal.Entries.SingleOrDefault()?.LinesWritten ?? 0, clock.PendingTimers),
            s => s == (1, 1),
            "the content, then the silence");
        clock.Advance(TimeSpan.FromMilliseconds(3999));
        fake.Journal.Entries.Single().LinesWritten.ShouldBe(1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await reading;

        response.Lines.Count.ShouldBe(2);
        var done = JsonNode.Parse(response.Lines[1])!;
        done["done"]!.GetValue<bool>().ShouldBeTrue();
        done["done_reason"]!.GetValue<string>().ShouldBe("stop");
        done["message"]!["content"]!.GetValue<string>().ShouldBe("");
        var calls = done["message"]!["tool_calls"]!.AsArray();
        calls.Select(c => c!["function"]!["name"]!.GetValue<string>()).ShouldBe(["get_weather", "get_time"]);
        calls.Select(c => c!["function"]!["index"]!.GetValue<int>()).ShouldBe([0, 1]);
        calls.ShouldAllBe(c => c!["id"]!.GetValue<string>().Length == 32 && c["id"]!.GetValue<string>().All(char.IsAsciiLetterOrDigit));
        calls[0]!["function"]!["arguments"]!.ToJsonString().ShouldBe("""{"city":"Tokyo"}""");
        (await FinishedEntryAsync(fake)).LineTimesMs.ShouldBe([0, 4000]);
    }

    [Fact]
    public async Task Native_WithoutASilenceSetting_CountsTheCallsTokensInEvalCount()
    {
        await using var fake = await StartAsync(Calls + "tool_path: native\n");

        var done = JsonNode.Parse((await SendAsync(fake, ChatWithTools())).Lines[^1])!;

        // "Ok", then get_weather (3) {"city":"Tokyo"} (9), get_time (3) {"zone":"JST"} (9).
        done["eval_count"]!.GetValue<int>().ShouldBe(1 + 24);
    }

    [Fact]
    public async Task Native_StreamFalse_TheBodyCarriesTheCalls()
    {
        await using var fake = await StartAsync(Calls + "tool_path: native\n");

        var body = JsonNode.Parse((await SendAsync(fake, ChatWithTools(stream: false))).BodyText)!;

        body["message"]!["content"]!.GetValue<string>().ShouldBe("Ok");
        body["message"]!["tool_calls"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Generate_OnChat_PutsTheCallsOnTheFinalChunkWithoutSilence()
    {
        await using var fake = await StartAsync(Calls + "tool_path: generate\n");

        var response = await SendAsync(fake, ChatWithTools());

        response.Lines.Count.ShouldBe(2);
        var calls = JsonNode.Parse(response.Lines[1])!["message"]!["tool_calls"]!.AsArray();
        calls.ShouldAllBe(c => c!["id"]!.GetValue<string>().StartsWith("call_") && c["id"]!.GetValue<string>().Length == 13);
    }

    [Fact]
    public async Task Generate_OnApiGenerate_TheFinalChunkCarriesTheCallsWithoutIds()
    {
        await using var fake = await StartAsync(Calls + "tool_path: generate\n");

        var response = await SendAsync(fake, RawHttpRequest.PostJson("/api/generate", Q("{'model':'t','prompt':'q','raw':true}")));

        response.Lines[0].ShouldBe(GenerateLine("t", "Ok").TrimEnd('\n'));
        response.Lines[1].ShouldBe(
            $$"""{"model":"t","created_at":"{{CreatedAt}}","response":"","done":true,"done_reason":"stop","prompt_eval_count":1,"""
            + Q("'eval_count':1,'tool_calls':[{'function':{'index':0,'name':'get_weather','arguments':{'city':'Tokyo'}}},")
            + Q("{'function':{'index':1,'name':'get_time','arguments':{'zone':'JST'}}}]}"));
    }

    [Fact]
    public async Task Template_OnApiGenerate_SendsNoCalls()
    {
        await using var fake = await StartAsync(Calls);

        var response = await SendAsync(fake, RawHttpRequest.PostJson("/api/generate", Q("{'model':'t','prompt':'q'}")));

        response.BodyText.ShouldNotContain("tool_calls");
    }

    [Fact]
    public async Task Native_OnOpenAi_IsAToolCallDeltaThenTheToolCallsFinish()
    {
        await using var fake = await StartAsync(Calls + "tool_path: native\n");

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions",
            Q("{'model':'t','stream':true") + Tools + Q(",'messages':[{'role':'user','content':'q'}]}")));

        var events = response.BodyText.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[^1].ShouldBe("data: [DONE]");
        JsonNode.Parse(events[^2]["data: ".Length..])!["choices"]![0]!["finish_reason"]!.GetValue<string>().ShouldBe("tool_calls");
        JsonNode.Parse(events[^3]["data: ".Length..])!["choices"]![0]!["delta"]!["tool_calls"]![0]!["function"]!["arguments"]!
            .GetValue<string>().ShouldBe("""{"zone":"JST"}""");
    }
}
