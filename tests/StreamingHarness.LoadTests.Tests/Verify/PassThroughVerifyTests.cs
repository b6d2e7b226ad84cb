using Shouldly;
using StreamingHarness.LoadTests.Targets;
using StreamingHarness.LoadTests.Verify;

namespace StreamingHarness.LoadTests.Tests.Verify;

/// <summary>
/// The reference relay's Ollama pass-through, held to the whole catalogue with the <c>ollama</c> profile. Its own
/// fake and relay, so it runs beside <see cref="ReferenceRelayVerifyTests"/> (the fake's active scenario is global).
/// </summary>
public sealed class PassThroughVerifyTests(ReferenceRelayRig fixture) : IClassFixture<ReferenceRelayRig>
{
    private VerifyRig Rig => fixture.Rig;

    private ChildProcess Relay => fixture.Relay;

    [Fact]
    public async Task Verify_OllamaProfile_PassesEveryCase()
    {
        var results = await Rig.VerifyAsync(Relay.BaseAddress, "ollama");

        results.Select(r => r.Case).ShouldBe(VerifyCatalog.Names);
        VerifyRig.Failures(results).ShouldBeEmpty();
    }
}
