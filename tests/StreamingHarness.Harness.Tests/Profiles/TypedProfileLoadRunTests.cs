using Shouldly;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Tests.Suites;

namespace StreamingHarness.Harness.Tests.Profiles;

/// <summary>
/// <c>load --profile responses|anthropic</c> against the fake: every stream whole, TTFT and every gap measured, and the
/// output tokens the server's own count (<c>usage.output_tokens</c>), equal to what the fake's journal says it sent.
/// </summary>
public sealed class TypedProfileLoadRunTests
{
    [Theory]
    [InlineData("responses", "OpenAI Responses SSE /v1/responses", "/v1/responses")]
    [InlineData("anthropic", "Anthropic Messages SSE /v1/messages", "/v1/messages")]
    public async Task ClosedRun_TypedProfile_CountsEveryTokenAndGapWithTheServersCount(string profile, string target, string path)
    {
        await using var fake = await FakeFixture.StartAsync();
        var suite = FakeFixture.Suite("typed-profile-test");
        suite.Profile = profile;
        suite.MaxRequests = 40;

        var result = await FakeFixture.Runner(fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Target.ShouldBe(target);
        phase.Failed.ShouldBe(0);
        phase.Succeeded.ShouldBeGreaterThan(0);
        result.Samples.ShouldAllBe(s => s.Outcome.IsOk && s.ContentChunks == FakeFixture.ScriptedTokens && !s.TokensAreChunks);
        phase.Ttft.Count.ShouldBe(phase.Succeeded);
        phase.Itl.Count.ShouldBe(phase.Succeeded * (FakeFixture.ScriptedTokens - 1));
        var sent = fake.Journal.Entries.Where(e => e.Path == path).ToList();
        sent.Count.ShouldBe(result.Samples.Count);
        sent.Sum(e => (long)e.TokensDelivered).ShouldBe(phase.OutputTokens);
    }
}
