using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Harness.Tests.Probes;

/// <summary>The watchdog's deadlines follow the client library's rules: idle counts from the last complete line.</summary>
public sealed class RequestTimeoutsTests
{
    private static readonly long Ms = Ticks.FromMilliseconds(1);
    private static readonly RequestTimeouts IdleOneSecond = new(Idle: TimeSpan.FromSeconds(1));

    [Fact]
    public void Missed_BytesOfOneLineTrickleWithoutEndingIt_HitsTheIdleDeadline()
    {
        var request = Streaming();
        for (var at = 200; at <= 2000; at += 100)
        {
            request.OnBytes(at * Ms, 1);
        }

        IdleOneSecond.Missed(request, 1099 * Ms).ShouldBe(TimeoutPhase.None);
        IdleOneSecond.Missed(request, 1101 * Ms).ShouldBe(TimeoutPhase.Idle);
        IdleOneSecond.Missed(request, 2000 * Ms).ShouldBe(TimeoutPhase.Idle);
    }

    [Fact]
    public void Watchdog_VirtualClock_CancelsAStreamWhoseLineTricklesByteByByte()
    {
        var time = new TestClock();
        var clock = new HarnessClock(time);
        using var watchdog = new TimeoutWatchdog(IdleOneSecond, clock);
        using var cancellation = new CancellationTokenSource();
        var request = new RequestTimeline(clock: clock);
        request.OnStart(clock.Now);
        request.OnHeaders(clock.Now);
        request.OnChunk(clock.Now, hasContent: true);
        watchdog.Watch(request, cancellation);

        var bytes = 0;
        while (!cancellation.IsCancellationRequested && bytes < 30)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            request.OnBytes(clock.Now, 1);
            bytes++;
        }

        cancellation.IsCancellationRequested.ShouldBeTrue();
        request.TimedOut.ShouldBe(TimeoutPhase.Idle);
        bytes.ShouldBe(11);
    }

    [Fact]
    public void Missed_LinesKeepComing_NoDeadline()
    {
        var request = Streaming();
        request.OnChunk(900 * Ms, hasContent: false);
        request.OnLine(1800 * Ms);

        IdleOneSecond.Missed(request, 2700 * Ms).ShouldBe(TimeoutPhase.None);
        IdleOneSecond.Missed(request, 2801 * Ms).ShouldBe(TimeoutPhase.Idle);
    }

    [Fact]
    public void Missed_BeforeTheFirstToken_FirstTokenDeadlineNotIdle()
    {
        var request = new RequestTimeline();
        request.OnStart(0);
        request.OnHeaders(10 * Ms);
        var timeouts = new RequestTimeouts(FirstToken: TimeSpan.FromSeconds(5), Idle: TimeSpan.FromSeconds(1));

        timeouts.Missed(request, 4000 * Ms).ShouldBe(TimeoutPhase.None);
        timeouts.Missed(request, 5001 * Ms).ShouldBe(TimeoutPhase.FirstToken);
    }

    [Theory]
    [InlineData(nameof(TimeoutPhase.FirstToken), RelayErrorCodes.FirstTokenTimeout)]
    [InlineData(nameof(TimeoutPhase.Idle), RelayErrorCodes.IdleTimeout)]
    [InlineData(nameof(TimeoutPhase.Total), RelayErrorCodes.TotalTimeout)]
    [InlineData(nameof(TimeoutPhase.Headers), "headers_timeout")]
    public void Timeout_IsLabelledWithTheClientsErrorCode(string phase, string label) =>
        Outcome.Timeout(Enum.Parse<TimeoutPhase>(phase)).Label.ShouldBe(label);

    [Theory]
    [InlineData("timeout_idle", "idle_timeout")]
    [InlineData("timeout_first_token", "first_token_timeout")]
    [InlineData("timeout_headers", "headers_timeout")]
    [InlineData("timeout_total", "total_timeout")]
    [InlineData("idle_timeout", "idle_timeout")]
    [InlineData("http_503", "http_503")]
    public void CanonicalLabel_ReadsTheOlderLabels(string written, string read) =>
        TimeoutPhaseExtensions.CanonicalLabel(written).ShouldBe(read);

    /// <summary>Sent at 0, headers at 10 ms, the first token at 100 ms.</summary>
    private static RequestTimeline Streaming()
    {
        var request = new RequestTimeline();
        request.OnStart(0);
        request.OnHeaders(10 * Ms);
        request.OnChunk(100 * Ms, hasContent: true);
        return request;
    }
}
