namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// The reference relay's Ollama pass-through, held to the whole catalogue with the <c>ollama</c> profile. Its own
/// fake and relay, so it runs beside <see cref="ReferenceRelayVerifyTests"/> (the fake's active scenario is global).
/// </summary>
public sealed class PassThroughVerifyTests(ReferenceRelayRig fixture) : IClassFixture<ReferenceRelayRig>
{
    [Fact]
    public Task Verify_OllamaProfile_PassesEveryCase() => fixture.ShouldPassEveryCaseAsync("ollama");
}
