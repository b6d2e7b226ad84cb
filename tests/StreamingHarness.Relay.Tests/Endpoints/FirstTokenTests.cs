using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// The relay's first token is the first chunk with output, as the client library's: an answer with none has no TTFT
/// (its start goes out with its done), and the pass-through still forwards the lines before the first token as they came.
/// </summary>
public sealed class FirstTokenTests
{
    private const string Empty =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":false}""" + "\n";
    private const string DoneOnly =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":"""
        + """true,"done_reason":"stop","eval_count":0}""" + "\n";

    [Fact]
    public async Task StreamChat_DoneWithoutOutput_IsStartThenDoneWithNoFirstTokenRecorded()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenLines(Empty, DoneOnly);
        await using var relay = new RelayFactory(upstream.BaseAddress);
        using var ttft = TestMetrics.Collect<double>(relay, "relay.ttft");

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/stream/chat", RelayHttp.ChatBody);
        var events = await RelayHttp.ReadEventsAsync(response);

        events.Select(e => e.Type).ShouldBe(["start", "done"]);
        events[1].Data.ShouldContain("""
            "usage":{"prompt_tokens":0,"completion_tokens":0}
            """);
        ttft.GetMeasurementSnapshot().ShouldBeEmpty();
    }

    [Fact]
    public async Task PassThrough_EmptyChunkBeforeTheFirstToken_IsForwardedAsItCame()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenLines(Empty, DoneOnly);
        await using var relay = new RelayFactory(upstream.BaseAddress);

        using var response = await RelayHttp.PostAsync(relay.CreateClient(), "/api/chat", RelayHttp.ChatBody);

        (await RelayHttp.ReadTextAsync(response)).ShouldBe(Empty + DoneOnly);
    }
}
