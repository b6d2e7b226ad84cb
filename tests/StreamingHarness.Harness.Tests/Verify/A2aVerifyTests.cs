namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// The reference relay's A2A endpoint, held to the whole catalogue with the <c>a2a</c> profile. Its own fake and
/// relay, so it runs beside the other profiles' classes (the fake's active scenario is global).
/// </summary>
public sealed class A2aVerifyTests(ReferenceRelayRig fixture) : IClassFixture<ReferenceRelayRig>
{
    [Fact]
    public Task Verify_A2aProfile_PassesEveryCase() => fixture.ShouldPassEveryCaseAsync("a2a", "/a2a");
}
