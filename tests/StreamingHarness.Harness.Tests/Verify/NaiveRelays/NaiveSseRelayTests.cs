using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;
using static StreamingHarness.Harness.Tests.Verify.NaiveRelays.NaiveRelayRun;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>Each defect of <see cref="NaiveSseRelay"/> shows as its client sees it, and without it the relay holds.</summary>
public sealed class NaiveSseRelayTests
{
    private const string FakeError =
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for "
        + "details";

    [Theory]
    [InlineData("trickle")]
    [InlineData("blank-lines")]
    [InlineData("empty-chunks")]
    public async Task NoDefects_WholeTextInOrderThenComplete(string scenario)
    {
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress);

        var events = await SseEventsAsync(relay.BaseAddress, scenario);

        Contents(events).ShouldBe(await UpstreamTextsAsync(fake.BaseAddress, scenario));
        Names(events).ShouldBe(["start", "complete", "end"]);
    }

    [Fact]
    public async Task SplitEachRead_Trickle_LosesTheCutLinesAndTheDoneLine()
    {
        await using var fake = await StartFakeAsync(timeScale: 1);
        await using var relay = await NaiveSseRelay.StartAsync(
            fake.BaseAddress, new NaiveRelayOptions { Defects = NaiveDefects.SplitEachRead });

        var events = await SseEventsAsync(relay.BaseAddress, "trickle");

        var upstream = await UpstreamTextsAsync(fake.BaseAddress, "trickle");
        string.Concat(Contents(events)).ShouldNotBe(string.Concat(upstream));
        Contents(events)[0].ShouldBe(upstream[0]);
        Names(events).ShouldBe(["start", "error", "end"]);
        Message(events).ShouldBe("the upstream body ended without done:true");
    }

    [Theory]
    [InlineData("error-midstream", NaiveDefects.None, 3, "error")]
    [InlineData("error-midstream", NaiveDefects.IgnoreInBandErrors, 3, "complete")]
    [InlineData("legacy-error", NaiveDefects.None, 0, "error")]
    [InlineData("legacy-error", NaiveDefects.IgnoreInBandErrors, 0, "complete")]
    public async Task InBandError_IsAnErrorUnlessIgnored(string scenario, NaiveDefects defects, int tokens, string terminal)
    {
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress, new NaiveRelayOptions { Defects = defects });

        var events = await SseEventsAsync(relay.BaseAddress, scenario);

        Contents(events).ShouldBe(await UpstreamTextsAsync(fake.BaseAddress, scenario));
        Contents(events).Count.ShouldBe(tokens);
        Names(events).ShouldBe(["start", terminal, "end"]);
        if (terminal == "error")
        {
            Message(events).ShouldBe(FakeError);
        }
    }

    [Theory]
    [InlineData(NaiveDefects.None, "error")]
    [InlineData(NaiveDefects.CompleteWithoutDone, "complete")]
    public async Task EarlyEof_IsAnErrorUnlessCompletedAnyway(NaiveDefects defects, string terminal)
    {
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress, new NaiveRelayOptions { Defects = defects });

        var events = await SseEventsAsync(relay.BaseAddress, "early-eof");

        Contents(events).ShouldBe(await UpstreamTextsAsync(fake.BaseAddress, "early-eof"));
        Names(events).ShouldBe(["start", terminal, "end"]);
    }

    [Theory]
    [InlineData("malformed-line")]
    [InlineData("bad-utf8")]
    [InlineData("huge-line")]
    [InlineData("http-500")]
    [InlineData("disconnect")]
    [InlineData("torn-line")]
    public async Task NoDefects_BrokenUpstream_EndsInAnErrorEvent(string scenario)
    {
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress);

        var events = await SseEventsAsync(relay.BaseAddress, scenario);

        Names(events).ShouldBe(["start", "error", "end"]);
    }

    [Theory]
    [InlineData(NaiveDefects.None)]
    [InlineData(NaiveDefects.NoIdleTimeout)]
    public async Task Stall_IdleDeadlineEndsItUnlessThereIsNone(NaiveDefects defects)
    {
        // The relay's deadlines run on a manual clock: it jumps past the idle timeout once 3 tokens are through.
        var clock = new TestClock();
        var options = new NaiveRelayOptions { Defects = defects, TimeProvider = clock };
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress, options);

        var events = await SseEventsAsync(relay.BaseAddress, "stall", seen =>
        {
            if (Contents(seen).Count == 3 && seen[^1].Name == "content")
            {
                clock.Advance(options.IdleTimeout);
            }
        });

        var upstream = await UpstreamTextsAsync(fake.BaseAddress, "stall");
        if (defects == NaiveDefects.None)
        {
            Contents(events).ShouldBe(upstream.Take(3));
            Names(events).ShouldBe(["start", "error", "end"]);
            Message(events).ShouldBe("no data from the upstream within the deadline");
        }
        else
        {
            Contents(events).ShouldBe(upstream);
            Names(events).ShouldBe(["start", "complete", "end"]);
        }
    }

    [Theory]
    [InlineData(NaiveDefects.None, StreamEnding.ClientDisconnected)]
    [InlineData(NaiveDefects.NoUpstreamCancel, StreamEnding.Completed)]
    public async Task ClientLeaves_UpstreamIsCancelledUnlessDefective(NaiveDefects defects, StreamEnding upstreamEnding)
    {
        await using var fake = await StartFakeAsync();
        await using var relay = await NaiveSseRelay.StartAsync(fake.BaseAddress, new NaiveRelayOptions { Defects = defects });

        // "hold" pauses after 2 tokens until released: the client reads both, then leaves while the upstream is open.
        using (var response = await PostAsync(relay.BaseAddress, "/stream", """{"model":"hold","prompt":"go"}"""))
        {
            var parser = System.Net.ServerSentEvents.SseParser.Create(
                await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            var contents = 0;
            await foreach (var item in parser.EnumerateAsync(TestContext.Current.CancellationToken))
            {
                if (item.EventType == "content" && ++contents == 2)
                {
                    break;
                }
            }
        }

        if (defects.HasFlag(NaiveDefects.NoUpstreamCancel))
        {
            await Eventually.WaitUntilAsync(() => fake.PausedStreams == 1, "the upstream stream paused");
            fake.ReleasePausedStreams();
        }

        var entry = await fake.Journal.WaitForAsync(
            e => e.Path == "/api/chat" && e.IsFinished, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        entry.Ending.ShouldBe(upstreamEnding);
    }
}
