using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Hosting;

/// <summary>The drain on virtual time: draining at once on SIGTERM, streams cut at the drain's end, the stop held until then.</summary>
public sealed class DrainCoordinatorTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_StreamOpen_DrainsThenExpiresAtTheDrainTimeout_AndTheStopWaitsForTheStream()
    {
        var (drain, lifetime, clock) = await StartAsync(TimeSpan.FromSeconds(20));
        drain.StreamStarted();

        lifetime.StopApplication();
        var stopping = drain.StoppingAsync(Cancellation);

        drain.IsDraining.ShouldBeTrue("/readyz turns 503 at SIGTERM");
        clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        drain.Expired.IsCancellationRequested.ShouldBeFalse();
        stopping.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromTicks(1));
        drain.Expired.IsCancellationRequested.ShouldBeTrue();
        stopping.IsCompleted.ShouldBeFalse("the stream still writes its terminal event");
        drain.StreamEnded();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5), Cancellation);
    }

    [Fact]
    public async Task Stopping_StreamsFinishWithinTheDrain_StopAtOnce_NothingExpires()
    {
        var (drain, lifetime, _) = await StartAsync(TimeSpan.FromSeconds(20));
        drain.StreamStarted();
        drain.StreamStarted();

        lifetime.StopApplication();
        var stopping = drain.StoppingAsync(Cancellation);
        drain.StreamEnded();
        stopping.IsCompleted.ShouldBeFalse();
        drain.StreamEnded();

        await stopping.WaitAsync(TimeSpan.FromSeconds(5), Cancellation);
        drain.Expired.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task Stopping_NoStream_StopsAtOnce()
    {
        var (drain, _, _) = await StartAsync(TimeSpan.FromSeconds(20));

        var stopping = drain.StoppingAsync(Cancellation);

        stopping.IsCompleted.ShouldBeTrue();
        drain.IsDraining.ShouldBeTrue();
        await stopping;
    }

    private static async Task<(DrainCoordinator Drain, Lifetime Lifetime, TestClock Clock)> StartAsync(TimeSpan drainTimeout)
    {
        var clock = new TestClock();
        var lifetime = new Lifetime();
        var options = new RelayOptions();
        options.Shutdown.DrainTimeout = drainTimeout;
        var drain = new DrainCoordinator(lifetime, Options.Create(options), clock, NullLogger<DrainCoordinator>.Instance);
        await drain.StartingAsync(Cancellation);
        return (drain, lifetime, clock);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
