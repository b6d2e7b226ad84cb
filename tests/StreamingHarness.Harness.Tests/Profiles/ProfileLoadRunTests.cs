using Shouldly;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Tests.Suites;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Profiles;

/// <summary>A load run driven by a YAML profile measures what a built-in target measures: TTFT, every gap, every token.</summary>
public sealed class ProfileLoadRunTests : IDisposable
{
    private const string OllamaAsYaml = """
        name: ollama-described
        request:
          path: /api/chat
          body: '{"model":"{{model}}","messages":[{"role":"user","content":"{{prompt}}"}]}'
        framing: ndjson
        token: { text: $.message.content }
        done: { when: $.done == true }
        error: { message: $.error }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ClosedRun_CustomNdjsonProfile_CountsEveryTokenAndGapAsTheBuiltInTargetDoes()
    {
        Directory.CreateDirectory(_folder.Path);
        var profile = Path.Combine(_folder.Path, "ollama.yaml");
        await File.WriteAllTextAsync(profile, OllamaAsYaml, TestContext.Current.CancellationToken);
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("profile-test");
        suite.Profile = profile;
        suite.MaxRequests = 40;

        var result = await FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Target.ShouldStartWith("ollama-described (ndjson POST /api/chat, ");
        phase.Failed.ShouldBe(0);
        phase.Succeeded.ShouldBeGreaterThan(0);
        result.Samples.ShouldAllBe(s => s.Outcome.IsOk && s.ContentChunks == FakeFixture.ScriptedTokens && s.TokensAreChunks);
        phase.Ttft.Count.ShouldBe(phase.Succeeded);
        phase.Itl.Count.ShouldBe(phase.Succeeded * (FakeFixture.ScriptedTokens - 1));
        fake.Journal.Entries.Where(e => e.Path == "/api/chat").Sum(e => (long)e.TokensDelivered).ShouldBe(phase.OutputTokens);
    }
}
