using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Client.Tests.Streaming;

/// <summary>One timer per stream: lines only stamp their arrival; the timer re-checks and sleeps until the next deadline.</summary>
public sealed class OllamaStreamDeadlinesTests
{
    private static readonly TimeSpan FirstToken = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(60);

    [Fact]
    public void LineReceived_JustBeforeTheIdleDeadline_MovesItToTheLastLine()
    {
        var time = new FakeTimeProvider();
        using var deadlines = new OllamaStreamDeadlines(FirstToken, Idle, Total, time, CancellationToken.None);
        deadlines.FirstTokenReceived();
        time.Advance(TimeSpan.FromSeconds(4));
        deadlines.LineReceived();

        // The timer wakes at the first token's idle deadline, finds a later line and sleeps until that line's.
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        deadlines.Token.IsCancellationRequested.ShouldBeFalse();
        time.Advance(TimeSpan.FromTicks(1));

        deadlines.Token.IsCancellationRequested.ShouldBeTrue();
        deadlines.Classify(3).ShouldNotBeNull().Code.ShouldBe(RelayErrorCodes.IdleTimeout);
    }

    [Fact]
    public void NoFirstToken_FirstTokenDeadline_FiresAndIsClassified()
    {
        var time = new FakeTimeProvider();
        using var deadlines = new OllamaStreamDeadlines(FirstToken, Idle, Total, time, CancellationToken.None);

        time.Advance(FirstToken - TimeSpan.FromTicks(1));
        deadlines.Token.IsCancellationRequested.ShouldBeFalse();
        time.Advance(TimeSpan.FromTicks(1));

        deadlines.Classify().ShouldNotBeNull().Code.ShouldBe(RelayErrorCodes.FirstTokenTimeout);
    }

    [Fact]
    public void LinesKeepComing_TotalDeadline_FiresAndIsClassified()
    {
        var time = new FakeTimeProvider();
        using var deadlines = new OllamaStreamDeadlines(FirstToken, Idle, Total, time, CancellationToken.None);
        deadlines.FirstTokenReceived();
        for (var second = 1; second < 60; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            deadlines.LineReceived();
        }

        deadlines.Token.IsCancellationRequested.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        deadlines.Classify(59).ShouldNotBeNull().Code.ShouldBe(RelayErrorCodes.TotalTimeout);
    }

    [Fact]
    public void CallerCancels_NothingToReport()
    {
        var time = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var deadlines = new OllamaStreamDeadlines(FirstToken, Idle, Total, time, caller.Token);

        caller.Cancel();

        deadlines.Token.IsCancellationRequested.ShouldBeTrue();
        deadlines.CallerCancelled.ShouldBeTrue();
        deadlines.Classify().ShouldBeNull();
    }

    [Fact]
    public void InfiniteTimeouts_NeverFire()
    {
        var time = new FakeTimeProvider();
        var none = Timeout.InfiniteTimeSpan;
        using var deadlines = new OllamaStreamDeadlines(none, none, none, time, CancellationToken.None);

        time.Advance(TimeSpan.FromDays(100));

        deadlines.Token.IsCancellationRequested.ShouldBeFalse();
        deadlines.Classify().ShouldBeNull();
    }
}
