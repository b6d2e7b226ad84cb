using StreamingHarness.LoadTests.Targets;

namespace StreamingHarness.LoadTests.Tests.Verify;

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

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Rig.DisposeAsync();
    }
}
