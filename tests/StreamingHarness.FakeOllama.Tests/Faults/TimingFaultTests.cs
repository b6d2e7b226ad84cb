using System.Text;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>Timing faults on the manual clock: each delay is observed while it runs and its length read from the journal.</summary>
public sealed class TimingFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stall_UnderATimeScale_IsSilentForTheScaledDurationThenResumes()
    {
        var clock = new TestClock();
        await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions
        {
            Scenarios = [Scenario(FaultYaml.With("stall", "after_tokens: 2", "duration_ms: 5000", "then: resume"))],
            TimeProvider = clock,
            TimeScale = 0.1,
        }, Ct);
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, Ct);
        await connection.SendAsync(Chat("t"), Ct);
        await connection.ReadHeadAsync(Ct);
        await connection.ReadBodyPieceAsync(Ct);
        await connection.ReadBodyPieceAsync(Ct);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the stall is running");

        clock.Advance(TimeSpan.FromMilliseconds(499));
        fake.Journal.Entries.Single().LinesWritten.ShouldBe(2);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await connection.ReadToEndAsync(Ct);

        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        response.Lines.Count.ShouldBe(6);
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Completed);
        entry.LineTimesMs.ShouldBe([0, 0, 500, 500, 500, 500]);
        entry.Faults.Single().Action.ShouldBe("stalled 5000 ms at token 2, then resume");
    }

    [Fact]
    public async Task Stall_Resume_GoesOnAtTheScenarioPace_WithoutABurstOfMissedTokens()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(
            clock,
            "name: t\nresponse: \"one two three four five\"\ninter_token_ms: 100\nfaults:\n  - kind: stall\n    after_tokens: 2\n    "
            + "duration_ms: 1000\n");
        var reading = SendAsync(fake, Chat("t"));

        while (!reading.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1 || reading.IsCompleted, "the next delay starts");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        (await reading).End.ShouldBe(BodyEnd.ChunkedTerminator);
        (await FinishedEntryAsync(fake)).LineTimesMs.ShouldBe([0, 100, 1200, 1300, 1400, 1400]);
    }

    [Theory]
    [InlineData("reset", BodyEnd.ConnectionReset)]
    [InlineData("close", BodyEnd.EofWithoutTerminator)]
    public async Task Stall_ThenDie_EndsTheConnectionAfterTheSilence(string then, BodyEnd expected)
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, FaultYaml.With("stall", "after_tokens: 2", "duration_ms: 300", $"then: {then}"));
        var reading = SendAsync(fake, Chat("t"));
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the stall is running");

        clock.Advance(TimeSpan.FromMilliseconds(300));
        var response = await reading;

        response.Lines.Count.ShouldBe(2);
        response.End.ShouldBe(expected);
        (await FinishedEntryAsync(fake)).DurationMs.ShouldBe(300);
    }

    [Fact]
    public async Task Stall_Hang_KeepsTheSocketOpenUntilTheClientLeaves_AndTheJournalSaysSo()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, FaultYaml.With("stall", "after_tokens: 2", "then: hang"));
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, Ct);
        await connection.SendAsync(Chat("t"), Ct);
        await connection.ReadHeadAsync(Ct);
        await connection.ReadBodyPieceAsync(Ct);
        await connection.ReadBodyPieceAsync(Ct);
        await Eventually.WaitUntilAsync(() => fake.Journal.Entries.Single().Faults.Count == 1, "the stall has begun");
        clock.Advance(TimeSpan.FromHours(1));
        connection.End.ShouldBeNull();

        await connection.DisposeAsync();

        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        entry.Detail.ShouldBe("client disconnected at token 2");
        entry.Faults.Single().Action.ShouldBe("stalled at token 2 until the client leaves");
    }

    [Fact]
    public async Task SlowFirstToken_HoldsTheStatusLineForTheWholeDelay()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, FaultYaml.With("slow-first-token", "delay_ms: 5000"));
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, Ct);
        await connection.SendAsync(Chat("t"), Ct);
        var head = connection.ReadHeadAsync(Ct);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the fake holds the headers");
        head.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(5000));

        (await head)!.StatusCode.ShouldBe(200);
        var response = await connection.ReadToEndAsync(Ct);
        response.Lines[^1].ShouldContain("\"load_duration\":5000000000,");
        response.Lines[^1].ShouldNotContain("eval_duration\":5");
        var entry = await FinishedEntryAsync(fake);
        entry.LineTimesMs[0].ShouldBe(5000);
        entry.Faults.Single().Action.ShouldBe("held the headers 5000 ms");
    }

    [Fact]
    public async Task EarlyHeaders_SendsTheHeadBeforeTheLoadAndTheFirstTokenLate()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(
            clock, "name: t\nresponse: \"one two\"\nload_ms: 1000\nfaults:\n  - kind: early-headers\n    delay_ms: 3000\n");
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, Ct);
        await connection.SendAsync(Chat("t"), Ct);

        var head = await connection.ReadHeadAsync(Ct);

        head!.StatusCode.ShouldBe(200);
        head["Content-Type"].ShouldBe("application/x-ndjson");
        fake.Journal.Entries.Single().LinesWritten.ShouldBe(0);
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the first token is late");
        clock.Advance(TimeSpan.FromMilliseconds(3000));
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the model loads");
        clock.Advance(TimeSpan.FromMilliseconds(1000));
        var response = await connection.ReadToEndAsync(Ct);
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        (await FinishedEntryAsync(fake)).LineTimesMs[0].ShouldBe(4000);
    }

    [Fact]
    public async Task Trickle_WritesOneLineInSeparatePieces_CutInsideTheStringAndInsideAMultiByteCharacter()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock,
            FaultYaml.Scenario("t", "Hi café ☕ end", ("trickle", ["after_tokens: 1", "pieces: 4", "delay_ms: 100"])),
            "name: base\nresponse: \"Hi café ☕ end\"\n");
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));
        await using var connection = await RawHttpConnection.ConnectAsync(fake.BaseAddress, Ct);
        await connection.SendAsync(Chat("t"), Ct);
        await connection.ReadHeadAsync(Ct);
        (await connection.ReadBodyPieceAsync(Ct))!.Text.ShouldBe(baseline.Lines[0] + "\n");

        var pieces = new List<byte[]>();
        for (var i = 0; i < 4; i++)
        {
            pieces.Add((await connection.ReadBodyPieceAsync(Ct))!.Data);
            if (i < 3)
            {
                await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the trickle waits between pieces");
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        var line = Encoding.UTF8.GetBytes(baseline.Lines[1] + "\n");
        pieces.SelectMany(p => p).ToArray().ShouldBe(line);
        var textStart = Encoding.UTF8.GetBytes(baseline.Lines[1]).AsSpan().IndexOf("\"content\":\""u8) + 11;
        var cuts = pieces.Take(3).Select((p, i) => pieces.Take(i + 1).Sum(x => x.Length)).ToList();
        cuts.ShouldContain(textStart + 1);
        cuts.ShouldContain(c => line[c - 1] == 0xC3 && line[c] == 0xA9);
        var response = await connection.ReadToEndAsync(Ct);
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        var entry = await FinishedEntryAsync(fake);
        entry.LineTimesMs.ShouldBe([0, 300, 300, 300, 300]);
        entry.LinesWritten.ShouldBe(baseline.Lines.Count);
    }

    [Fact]
    public async Task ColdStart_FirstRequestAndFirstAfterIdle_PayTheLoadInLoadDuration()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, FaultYaml.With("cold-start", "load_ms: 3000", "idle_ms: 60000"));

        var first = SendAsync(fake, Chat("t"));
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the model loads");
        clock.Advance(TimeSpan.FromMilliseconds(3000));
        (await first).Lines[^1].ShouldContain("\"load_duration\":3000000000,");

        (await SendAsync(fake, Chat("t"))).Lines[^1].ShouldNotContain("load_duration");

        clock.Advance(TimeSpan.FromMilliseconds(60001));
        var third = SendAsync(fake, Chat("t"));
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the model loads again");
        clock.Advance(TimeSpan.FromMilliseconds(3000));
        (await third).Lines[^1].ShouldContain("\"load_duration\":3000000000,");
        fake.Journal.Entries.Select(e => e.Faults.Count).ShouldBe([1, 0, 1]);
    }

    [Fact]
    public async Task ColdStart_RequestsDuringTheLoad_WaitForTheSameLoad()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, FaultYaml.With("cold-start", "load_ms: 3000"));

        var first = SendAsync(fake, Chat("t"));
        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the model loads");
        var second = SendAsync(fake, Chat("t"));
        await Eventually.WaitUntilAsync(
            () => fake.Journal.Entries.Count == 2 && fake.Journal.Entries[1].Faults.Count == 1, "the second request waits");
        clock.PendingTimers.ShouldBe(1);
        clock.Advance(TimeSpan.FromMilliseconds(3000));

        (await first).Lines[^1].ShouldContain("\"load_duration\":3000000000,");
        (await second).Lines[^1].ShouldContain("\"load_duration\":3000000000,");
        fake.Journal.Entries.Select(e => e.Faults.Single().Action)
            .ShouldBe(["cold model: loading for 3000 ms", "waited for the model load in progress"]);
    }
}
