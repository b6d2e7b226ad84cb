using System.Text;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Faults;

public sealed class DisconnectingFaultTests
{
    [Fact]
    public async Task Disconnect_AfterThreeTokens_ResetsRightAfterThoseLines()
    {
        await using var fake = await StartAsync(FaultYaml.With("disconnect", "after_tokens: 3"), FaultYaml.Baseline);
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));

        var response = await SendAsync(fake, Chat("t"));

        response.StatusCode.ShouldBe(200);
        response.Header("Content-Type").ShouldBe("application/x-ndjson");
        response.Lines.ShouldBe(baseline.Lines.Take(3));
        response.End.ShouldBe(BodyEnd.ConnectionReset);
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Fault);
        entry.TokensDelivered.ShouldBe(3);
        entry.LinesWritten.ShouldBe(3);
        entry.BytesWritten.ShouldBe(response.Body.Length);
        entry.Faults.Single().Fault.ShouldBe("disconnect");
        entry.Faults.Single().AtToken.ShouldBe(3);
    }

    /// <summary>
    /// The write-through guarantee on real sockets: 300 lines written as fast as the fake can, then a reset or close
    /// right after the last one. Every line written before it reaches the client, byte for byte (a buffering server
    /// loses the lines still queued when the connection goes).
    /// </summary>
    [Theory]
    [InlineData("disconnect", BodyEnd.ConnectionReset)]
    [InlineData("abrupt-close", BodyEnd.EofWithoutTerminator)]
    public async Task ManyUnpacedLines_ThenResetOrClose_EveryLineWrittenBeforeReachesTheClient(string fault, BodyEnd expected)
    {
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));
        await using var fake = await StartAsync(
            FaultYaml.Scenario("t", words, (fault, ["after_tokens: 300"])), $"name: base\nresponse: \"{words}\"\n");
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));

        var response = await SendAsync(fake, Chat("t"));

        response.Lines.Count.ShouldBe(300);
        response.Lines.ShouldBe(baseline.Lines.Take(300));
        response.End.ShouldBe(expected);
        var entry = await FinishedEntryAsync(fake);
        entry.LinesWritten.ShouldBe(300);
        entry.BytesWritten.ShouldBe(response.Body.Length);
    }

    [Fact]
    public async Task AbruptClose_AfterThreeTokens_EndsWithFinAndNoChunkedTerminator()
    {
        await using var fake = await StartAsync(FaultYaml.With("abrupt-close", "after_tokens: 3"), FaultYaml.Baseline);
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));

        var response = await SendAsync(fake, Chat("t"));

        response.Lines.ShouldBe(baseline.Lines.Take(3));
        response.Chunks.ShouldAllBe(c => c.Complete);
        response.End.ShouldBe(BodyEnd.EofWithoutTerminator);
        Encoding.ASCII.GetString(response.Raw).ShouldNotContain("\r\n0\r\n\r\n");
    }

    [Theory]
    [InlineData("reset: false", BodyEnd.EofWithoutTerminator)]
    [InlineData("reset: true", BodyEnd.ConnectionReset)]
    public async Task DropBeforeHeaders_ClosesBeforeAnyResponseByte(string setting, BodyEnd expected)
    {
        await using var fake = await StartAsync(FaultYaml.With("drop-before-headers", setting));

        var response = await SendAsync(fake, Chat("t"));

        response.Head.ShouldBeNull();
        response.Raw.ShouldBeEmpty();
        response.End.ShouldBe(expected);
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Fault);
        entry.BytesWritten.ShouldBe(0);
    }

    [Theory]
    [InlineData("reset: false", BodyEnd.EofWithoutTerminator)]
    [InlineData("reset: true", BodyEnd.ConnectionReset)]
    public async Task TornLine_CutsTheLineAtItsFractionThenCloses(string setting, BodyEnd expected)
    {
        await using var fake = await StartAsync(FaultYaml.With("torn-line", "after_tokens: 3", "cut_at: 0.5", setting), FaultYaml.Baseline);
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));
        var fourth = Encoding.UTF8.GetBytes(baseline.Lines[3] + "\n");

        var response = await SendAsync(fake, Chat("t"));

        var expected3 = Encoding.UTF8.GetBytes(string.Concat(baseline.Lines.Take(3).Select(l => l + "\n")));
        response.Body.ShouldBe([.. expected3, .. fourth.AsSpan(0, fourth.Length / 2)]);
        response.End.ShouldBe(expected);
        var entry = await FinishedEntryAsync(fake);
        entry.LinesWritten.ShouldBe(3);
        entry.BytesWritten.ShouldBe(response.Body.Length);
        entry.Faults.Single().Action.ShouldBe(
            $"wrote {fourth.Length / 2} of the {fourth.Length} bytes of the line at token 3, "
            + $"then {(expected == BodyEnd.ConnectionReset ? "reset" : "closed")}");
    }

    [Fact]
    public async Task Journal_ClientResetMidStream_RecordsTheTokenAndTheTimeItLeft()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, "name: t\nresponse: \"one two three four five\"\ninter_token_ms: 100\n");
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, TestContext.Current.CancellationToken);
        await connection.SendAsync(Chat("t"), TestContext.Current.CancellationToken);
        await connection.ReadHeadAsync(TestContext.Current.CancellationToken);
        await connection.ReadBodyPieceAsync(TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the second token waits for its slot");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await connection.ReadBodyPieceAsync(TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the third token waits for its slot");

        connection.Reset();

        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        entry.TokensDelivered.ShouldBe(2);
        entry.LinesWritten.ShouldBe(2);
        entry.Detail.ShouldBe("client disconnected at token 2");
        entry.DurationMs.ShouldBe(100);
    }
}
