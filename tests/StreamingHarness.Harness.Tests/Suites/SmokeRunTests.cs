using System.Text.Json;
using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Testing.Files;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Tests.Suites;

/// <summary>
/// Runs against an in-process fake, on virtual time: exact accounting and report files, never timing thresholds. A run
/// bounded by max_requests sends exactly that many; deadlines, open-loop arrivals and memory polls move on the test clock.
/// </summary>
public sealed class SmokeRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Reports => _temp.File("reports");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ClosedRun_InProcessFake_AccountsForEveryRequestAndToken_AndWritesTheReport()
    {
        await using var fake = await FakeFixture.StartAsync();
        var plan = RunPlan.From(FakeFixture.Suite("smoke-test"));

        var result = await FakeFixture.Runner(fake).RunAsync(plan, "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Sent.ShouldBe(400);
        phase.Sent.ShouldBe(phase.Succeeded + phase.Failed);
        phase.Failed.ShouldBe(0);
        result.Samples.Count.ShouldBe((int)phase.Sent);
        result.Samples.ShouldAllBe(
            s => s.Outcome.IsOk && s.OutputTokens == FakeFixture.ScriptedTokens && s.ContentChunks == FakeFixture.ScriptedTokens
            && !s.TokensAreChunks);
        phase.OutputTokens.ShouldBe(phase.Succeeded * FakeFixture.ScriptedTokens);
        var chats = fake.Journal.Entries.Where(e => e.Path == "/api/chat").ToList();
        chats.Count.ShouldBe((int)phase.Sent);
        chats.ShouldAllBe(e => e.Ending == StreamEnding.Completed);
        chats.Sum(e => (long)e.TokensDelivered).ShouldBe(phase.OutputTokens);
        phase.Ttft.Count.ShouldBe(phase.Succeeded);
        phase.Itl.Count.ShouldBe(phase.Succeeded * (FakeFixture.ScriptedTokens - 1));
        result.Report.Passed.ShouldBeTrue();

        var folder = await ReportWriter.WriteAsync(Reports, result, TestContext.Current.CancellationToken);

        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe(["report.html", "report.md", "samples.csv", "summary.json"]);
        File.ReadAllLines(Path.Combine(folder, "samples.csv")).Length.ShouldBe((int)phase.Sent + 1);
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken);
        html.ShouldContain("<svg");
        html.ShouldContain("<script type=\"application/json\" class=\"chart-data\">");
        // Self-contained: nothing for a browser to fetch (uPlot and the chart script are inline).
        foreach (var fetch in new[] { "<script src", "<link", "src=", "url(", "@import" })
        {
            html.ShouldNotContain(fetch, Case.Insensitive);
        }

        using var json = JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "summary.json"), TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("phases")[0].GetProperty("summary").GetProperty("sent").GetInt64().ShouldBe(phase.Sent);
    }

    /// <summary>
    /// The load join with no service in between: every request found in the fake's journal by its trace id, every token
    /// joined, and the figures in samples.csv, summary.json and the report.
    /// </summary>
    [Fact]
    public async Task ClosedRun_DirectToTheFake_JoinsEveryRequestAndToken()
    {
        await using var fake = await FakeFixture.StartAsync();
        var plan = RunPlan.From(FakeFixture.Suite("join-test"));

        var result = await FakeFixture.Runner(fake).RunAsync(plan, "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        var added = phase.Added.ShouldNotBeNull();
        (added.Requests, added.Joined).ShouldBe((phase.Succeeded, phase.Succeeded));
        added.TokensPerRequest.ShouldBe(FakeFixture.ScriptedTokens);
        added.AddedDelay.Count.ShouldBe(phase.Succeeded * FakeFixture.ScriptedTokens);
        added.AddedTtft.Count.ShouldBe(phase.Succeeded);
        result.Samples.ShouldAllBe(s => s.Added != null && s.Added.Joined == FakeFixture.ScriptedTokens);
        Threshold.Parse("added_delay.p99 < 60s").Evaluate(phase).Actual.ShouldBe(added.AddedDelay.P99);

        var folder = await ReportWriter.WriteAsync(Reports, result, TestContext.Current.CancellationToken);

        var csv = File.ReadAllLines(Path.Combine(folder, "samples.csv"));
        csv[0].ShouldContain(",bytes,added_ttft_ms,added_delay_p50_ms,added_delay_p99_ms,added_delay_max_ms,bursts,outcome,");
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken))
            .ShouldContain("Added by the service");
        using var json = JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "summary.json"), TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("phases")[0].GetProperty("summary").GetProperty("added").GetProperty("joined").GetInt64()
            .ShouldBe(phase.Succeeded);
    }

    [Fact]
    public async Task ClosedRun_MaxRequests_StopsAtExactlyThatMany()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("bounded-test");
        suite.Load.Concurrency = 3;
        suite.MaxRequests = 7;

        var result = await FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Sent.ShouldBe(7);
        phase.Succeeded.ShouldBe(7);
        fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(7);
    }

    [Fact]
    public async Task RampRun_OnePhasePerStep_EachAtItsConcurrency()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("ramp-test");
        suite.Load = new LoadDefinition { Kind = "ramp", Steps = [1, 3], StepDuration = "300ms" };
        suite.MaxRequests = 30;

        var result = await FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        result.Report.Phases.Select(p => (p.Summary.Name, p.Summary.Concurrency, p.Summary.Sent, p.Summary.Succeeded))
            .ShouldBe([("c=1", 1, 30L, 30L), ("c=3", 3, 30L, 30L)]);
        result.Report.Phases.ShouldAllBe(p => p.AccountingExact);
        result.Samples.Select(s => s.Phase).Distinct().ShouldBe(["c=1", "c=3"]);
    }

    [Fact]
    public async Task Interrupted_ReportsThePhaseThatRan_WithEveryRequestAccountedFor()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("interrupted-test");
        suite.Load = new LoadDefinition { Kind = "ramp", Steps = [2, 4], StepDuration = "1m" };
        suite.MaxRequests = 1_000_000;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", interrupt.Token);
        await fake.Journal.WaitForAsync(
            e => e.Path == "/api/chat" && e.IsFinished, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await interrupt.CancelAsync();
        var result = await run;

        result.Report.Interrupted.ShouldBeTrue();
        result.Report.Verdict.ShouldBe("INTERRUPTED");
        var phase = result.Report.Phases.ShouldHaveSingleItem();
        phase.Summary.Name.ShouldBe("c=2");
        phase.AccountingExact.ShouldBeTrue();
        phase.Summary.Outcomes.Keys.ShouldBeSubsetOf(["ok", "cancelled"]);
        result.Report.MemoryPerStream.ShouldBeNull();
    }

    [Theory]
    [InlineData("slow-first", "none", "300ms", "none", "first_token_timeout")]
    [InlineData("slow-first", "300ms", "10s", "none", "headers_timeout")]
    [InlineData("slow-gaps", "none", "none", "300ms", "idle_timeout")]
    public async Task Deadlines_EachPhaseTimesOutUnderItsOwnKind(
        string model, string headers, string firstToken, string idle, string expected)
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("deadline-test");
        suite.Model = model;
        suite.Load.Concurrency = 2;
        suite.MaxRequests = 2;
        suite.Timeouts = new TimeoutDefinition { Headers = headers, FirstToken = firstToken, Idle = idle, Total = "none" };

        var result = await FakeFixture.RunMovingTimeAsync(fake, suite);

        result.Samples.Count.ShouldBe(2);
        result.Samples.ShouldAllBe(s => s.Outcome.Label == expected);
        (await fake.Journal.WaitForAsync(
            e => e.Model == model && e.IsFinished, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))
            .Detail.ShouldNotBe("completed");
    }

    [Fact]
    public async Task OpenRun_WithMaxConcurrency_AccountsForEveryArrival()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("open-test");
        suite.Load = new LoadDefinition { Kind = "open", Rate = 200, MaxConcurrency = 2 };
        suite.MaxRequests = 60;

        var result = await FakeFixture.RunMovingTimeAsync(fake, suite);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Sent.ShouldBe(60);
        phase.Succeeded.ShouldBe(60);
        phase.QueueWait.Count.ShouldBe(60);
        fake.Journal.Entries.Count(e => e.Path == "/api/chat").ShouldBe(60);
    }

    [Fact]
    public async Task FaultMix_EveryRequestEndsUnderItsExpectedKind()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("faults-test");
        suite.Mix =
        [
            new MixDefinition { Model = "steady", Weight = 2 },
            new MixDefinition { Model = "no-such-model", Expect = ["http_404"] },
        ];
        suite.MaxRequests = 80;

        var result = await FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Sent.ShouldBe(phase.Succeeded + phase.Failed);
        phase.Outcomes.Keys.Order().ShouldBe(["http_404", "ok"]);
        phase.Outcomes["http_404"].ShouldBe(phase.Failed);
        result.Report.Faults.Count.ShouldBe(2);
        result.Report.Faults.ShouldAllBe(f => f.Passed && f.Unexpected == 0);
        result.Samples.Where(s => s.Model == "no-such-model")
            .ShouldAllBe(s => s.Outcome.Detail == "{\"error\":\"model 'no-such-model' not found\"}");
        result.Report.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task MemorySteps_AfterIdle_ReadsEveryProcessOnceMoreAfterTheWait()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("memory-idle-test");
        suite.MaxRequests = 4;
        suite.Memory.HoldStreams = [2];
        suite.Memory.AfterIdle = "10ms";
        suite.Timeouts = FakeFixture.NoDeadlines;

        var result = await FakeFixture.RunMovingTimeAsync(fake, suite);

        var memory = result.Report.MemoryPerStream.ShouldNotBeNull();
        memory.Slopes.Select(s => s.Process).Order().ShouldBe(["fake", "harness"]);
        memory.Slopes.ShouldAllBe(s => s.HeapAfterIdleDeltaBytes != null);
    }

    [Fact]
    public async Task MemorySteps_HoldStreamsOpen_ReadEachProcessWithThemInFlight()
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("memory-test");
        suite.MaxRequests = 4;
        suite.Memory.HoldStreams = [3, 6];
        suite.Timeouts = FakeFixture.NoDeadlines;

        var result = await FakeFixture.RunMovingTimeAsync(fake, suite);

        var memory = result.Report.MemoryPerStream.ShouldNotBeNull();
        var fakeSteps = memory.Steps.Where(s => s.Process == "fake").ToList();
        fakeSteps.Select(s => (s.HeldStreams, s.ActiveStreams)).ShouldBe([(0, 0L), (3, 3L), (6, 6L)]);
        memory.Steps.Where(s => s.Process == "harness").Select(s => s.HeldStreams).ShouldBe([0, 3, 6]);
        memory.Slopes.Select(s => s.Process).Order().ShouldBe(["fake", "harness"]);
        memory.Slopes.ShouldAllBe(s => s.HeapAfterIdleDeltaBytes == null);
        fake.PausedStreams.ShouldBe(0);
        fake.Journal.Entries.Where(e => e.Model == "hold").ShouldAllBe(e => e.Ending == StreamEnding.Completed && e.TokensDelivered == 4);
    }
}
