using Shouldly;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>A fake and the reference relay in front of it, one pair per test class (the fake's active scenario is global).</summary>
public sealed class ReferenceRelayRig : IAsyncLifetime
{
    internal VerifyRig Rig { get; private set; } = null!;

    internal ChildProcess Relay { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Rig = await VerifyRig.StartAsync();
        Relay = await ReferenceRelay.StartAsync(Rig.Fake.BaseAddress);
    }

    /// <summary>Runs the whole catalogue against the relay with <paramref name="profile"/>: every case, in order, passes.</summary>
    internal async Task ShouldPassEveryCaseAsync(string profile, string path = "")
    {
        var results = await Rig.VerifyAsync(new Uri(Relay.BaseAddress, path), profile);

        results.Select(r => r.Case).ShouldBe(VerifyCatalog.Names);
        VerifyRig.Failures(results).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Rig.DisposeAsync();
    }
}
