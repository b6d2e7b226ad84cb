using Shouldly;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify.Gateways;

/// <summary>
/// <c>verify --profile responses|anthropic</c> against the fake itself and against <see cref="PassThroughGateway"/> in
/// front of it. The fake passes every case but <c>stall</c> (a silent upstream is what the service under test must
/// notice, and with no service there is nobody to); the gateway passes every case. One fake per class: its active
/// scenario is global.
/// </summary>
public abstract class TypedProfileVerifyTests(string profile) : IAsyncLifetime
{
    private VerifyRig _rig = null!;
    private PassThroughGateway _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _rig = await VerifyRig.StartAsync();
        _gateway = await PassThroughGateway.StartAsync(_rig.Fake.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _gateway.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Verify_PassThroughGateway_PassesEveryCase()
    {
        var results = await _rig.VerifyAsync(_gateway.BaseAddress, profile);

        results.Select(r => r.Case).ShouldBe(VerifyCatalog.Names);
        VerifyRig.Failures(results).ShouldBeEmpty();
        results.Single(r => r.Case == VerifyCatalog.Healthy).TokensSeen.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Verify_TheFakeItself_FailsOnlyStallWhichNeedsAService()
    {
        var results = await _rig.VerifyAsync(_rig.Fake.BaseAddress, profile);

        results.Where(r => !r.Passed).Select(r => r.Case)
            .ShouldBe(["stall"], string.Join(Environment.NewLine, VerifyRig.Failures(results)));
        var incremental = results.Single(r => r.Case == VerifyCatalog.Incremental);
        incremental.TokensSeen.ShouldBe(incremental.TokensExpected);
        incremental.Bursts.ShouldBe((int)incremental.TokensSeen);
    }

    /// <summary>
    /// The buffering gateway: incremental's tokens arrive all at once at the end ("buffered"), and slow-reader's whole
    /// answer is read while the client pauses; healthy's short answer takes less than the bound, so it passes.
    /// </summary>
    [Fact]
    public async Task Verify_BufferingGateway_FailsIncrementalAndSlowReader()
    {
        await using var buffering = await PassThroughGateway.StartAsync(_rig.Fake.BaseAddress, buffered: true);

        var results = await _rig.VerifyAsync(
            buffering.BaseAddress, profile,
            [.. VerifyCatalog.All.Where(c => c.Name is VerifyCatalog.Healthy or VerifyCatalog.Incremental or VerifyCatalog.SlowReader)]);

        var failed = VerifyRig.Failures(results).ToList();
        failed.Select(f => f.Split(':')[0])
            .ShouldBe([VerifyCatalog.Incremental, VerifyCatalog.SlowReader], string.Join(Environment.NewLine, failed));
        failed[0].ShouldStartWith("incremental: buffered: ");
    }
}
