using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Harness.Tests.Suites;

/// <summary>An in-process fake with small scripted scenarios, and a suite runner pointed at it.</summary>
internal static class FakeFixture
{
    public const int ScriptedTokens = 5;

    public static Task<FakeOllamaServer> StartAsync() => FakeOllamaServer.StartAsync(new FakeOllamaOptions
    {
        Scenarios =
        [
            new Scenario { Name = "steady", Tokens = ScriptedTokens, Seed = 3, FirstTokenMs = 2, InterTokenMs = 2 },
            new Scenario { Name = "hold", Tokens = 4, Seed = 3, PauseAfterTokens = 2 },
            new Scenario { Name = "slow-first", Tokens = 2, Seed = 3, FirstTokenMs = 30_000 },
            new Scenario { Name = "slow-gaps", Tokens = 3, Seed = 3, InterTokenMs = 30_000 },
        ],
        JournalCapacity = 100_000,
    });

    /// <summary>How far <see cref="RunMovingTimeAsync"/> moves the clock at a time: a sixth of the shortest deadline tested.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A runner on virtual time (<paramref name="clock"/>, else a clock of its own that nothing moves): a phase's
    /// duration, a deadline or a drain passes only when the test moves the clock, so a suite bounded by max_requests
    /// sends exactly that many, however busy the machine.
    /// </summary>
    public static SuiteRunner Runner(FakeOllamaServer fake, TestClock? clock = null) => new(
        SilentObserver.Instance,
        new EmbeddedOptions("unused", 1, TimeSpan.FromSeconds(5), new Dictionary<string, string>(), new Dictionary<string, string>()),
        fakeUrl: fake.BaseAddress,
        time: clock ?? new TestClock());

    /// <summary>
    /// Runs <paramref name="suite"/> for a test whose run waits on the clock (deadlines, open-loop arrivals, the memory
    /// steps' polls): the clock moves on by <see cref="Tick"/> at each look, until the run has ended.
    /// </summary>
    public static async Task<RunResult> RunMovingTimeAsync(FakeOllamaServer fake, SuiteDefinition suite)
    {
        var clock = new TestClock();
        var run = Runner(fake, clock).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(
            () =>
            {
                if (!run.IsCompleted)
                {
                    clock.Advance(Tick);
                }

                return run.IsCompleted;
            },
            $"suite '{suite.Name}' ended");
        return await run;
    }

    /// <summary>No request deadline: for runs whose clock moves while streams are held on purpose.</summary>
    public static TimeoutDefinition NoDeadlines => new() { Headers = "none", FirstToken = "none", Idle = "none", Total = "none" };

    public static SuiteDefinition Suite(string name) => new()
    {
        Name = name,
        Target = "fake",
        Model = "steady",
        Load = new LoadDefinition { Kind = "closed", Concurrency = 4 },
        // On virtual time a run ends at max_requests: the duration is only a bound for runs whose clock moves.
        Duration = "1h",
        Warmup = "0s",
        MaxRequests = 400,
        Drain = "10s",
        Memory = new MemoryDefinition { SampleEvery = "200ms" },
    };
}
