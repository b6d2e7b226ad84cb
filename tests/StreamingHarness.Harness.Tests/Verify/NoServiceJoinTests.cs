using Shouldly;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// The join's proof: with no service between the client and the fake (verify pointed at the fake itself), every token
/// the fake sent is joined to its arrival and arrives in a burst of its own, so what the hop adds measures about zero.
/// </summary>
public sealed class NoServiceJoinTests
{
    [Fact]
    public async Task Verify_TheFakeItself_JoinsEveryTokenInItsOwnBurst()
    {
        await using var rig = await VerifyRig.StartAsync();

        var results = await rig.VerifyAsync(
            rig.Fake.BaseAddress, "ollama", [.. VerifyCatalog.All.Where(c => c.Name is VerifyCatalog.Incremental)]);

        var incremental = results.ShouldHaveSingleItem();
        VerifyRig.Failures(results).ShouldBeEmpty();
        incremental.TokensSeen.ShouldBe(incremental.TokensExpected);
        incremental.Timeline.ShouldNotBeNull().SentMs.Count.ShouldBe((int)incremental.TokensSeen);
        incremental.Bursts.ShouldBe((int)incremental.TokensSeen);
    }

    [Fact]
    public async Task Verify_TheFakeItselfWithAPausedClient_PushesBack()
    {
        await using var rig = await VerifyRig.StartAsync();

        var results = await rig.VerifyAsync(
            rig.Fake.BaseAddress, "ollama", [.. VerifyCatalog.All.Where(c => c.Name is VerifyCatalog.SlowReader)]);

        var slowReader = results.ShouldHaveSingleItem();
        VerifyRig.Failures(results).ShouldBeEmpty();
        slowReader.Observed.ShouldStartWith("pushed back: ");
        slowReader.UpstreamBytesDuringPause.ShouldNotBeNull().ShouldBeLessThan(SocketBuffers.Bound());
    }
}
