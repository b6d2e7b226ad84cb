using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;

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

    public static SuiteRunner Runner(FakeOllamaServer fake) => new(
        SilentObserver.Instance,
        new EmbeddedOptions("unused", 1, TimeSpan.FromSeconds(5), new Dictionary<string, string>(), new Dictionary<string, string>()),
        fakeUrl: fake.BaseAddress);

    public static SuiteDefinition Suite(string name) => new()
    {
        Name = name,
        Target = "fake",
        Model = "steady",
        Load = new LoadDefinition { Kind = "closed", Concurrency = 4 },
        Duration = "1500ms",
        Warmup = "0s",
        MaxRequests = 400,
        Drain = "10s",
        Memory = new MemoryDefinition { SampleEvery = "200ms" },
    };
}
