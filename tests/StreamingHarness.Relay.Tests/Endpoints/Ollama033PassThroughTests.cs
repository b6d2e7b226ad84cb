extern alias fake;
using System.Text.Json;
using fake::StreamingHarness.FakeOllama.Scenarios;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>Ollama 0.33 request fields and chunk fields go through the relay unchanged.</summary>
public sealed class Ollama033PassThroughTests
{
    private static readonly Scenario Native = new()
    {
        Name = "native",
        Response = "ok",
        Thinking = "Hmm.",
        Models = [new ModelSpec { Name = "native", Capabilities = ["completion", "tools", "thinking"] }],
        ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Paris" } }],
        ToolPath = ToolCallPath.Native,
    };

    private static readonly string Body =
        ("{'model':'native','think':'high','logprobs':true,'top_logprobs':2,'format':'json',"
        + "'tools':[{'type':'function','function':{'name':'get_weather'}}],'messages':[{'role':'user','content':'q'}]}").Replace('\'', '"');

    [Fact]
    public async Task ApiChat_FormatLogprobsThinkLevelAndDoneChunkToolCalls_PassThroughUnchanged()
    {
        await using var env = await RelayOverFake.StartAsync([Native]);

        using var response = await RelayHttp.PostAsync(env.Client, "/api/chat", Body);
        var text = await RelayHttp.ReadTextAsync(response);

        var upstream = await env.FinishedUpstreamAsync();
        using (var sent = JsonDocument.Parse(upstream.Body!))
        {
            sent.RootElement.GetProperty("think").GetString().ShouldBe("high");
            sent.RootElement.GetProperty("format").GetString().ShouldBe("json");
            sent.RootElement.GetProperty("logprobs").GetBoolean().ShouldBeTrue();
            sent.RootElement.GetProperty("top_logprobs").GetInt32().ShouldBe(2);
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        lines.Count.ShouldBe(upstream.LinesWritten);
        lines[0].GetProperty("logprobs")[0].GetProperty("top_logprobs").GetArrayLength().ShouldBe(2);
        var done = lines[^1];
        done.GetProperty("done").GetBoolean().ShouldBeTrue();
        done.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString()!.Length.ShouldBe(32);
    }

    [Fact]
    public async Task StreamChat_DoneChunkToolCalls_AreToolCallEventsRightBeforeDone()
    {
        await using var env = await RelayOverFake.StartAsync([Native]);

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Body);
        var events = await RelayHttp.ReadEventsAsync(response);

        events.Select(e => e.Type).TakeLast(2).ShouldBe(["tool_call", "done"]);
        using var call = JsonDocument.Parse(events[^2].Data);
        call.RootElement.GetProperty("name").GetString().ShouldBe("get_weather");
        call.RootElement.GetProperty("arguments").GetProperty("city").GetString().ShouldBe("Paris");
    }
}
