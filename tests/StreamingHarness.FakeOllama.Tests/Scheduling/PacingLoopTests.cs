using Shouldly;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scheduling;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Scheduling;

/// <summary>
/// The shared pacing loop on the manual clock. A "stream" here is a loop that waits for its next slot and notes the
/// clock's time when released: the loop runs continuations inline, so that time is the time the line would be written.
/// </summary>
public sealed class PacingLoopTests
{
    [Fact]
    public async Task Lines_AreReleasedExactlyWhenDue()
    {
        var clock = new TestClock();
        using var loop = new PacingLoop(clock);
        var stream = new PacedStream(loop, clock, intervalMs: 20);

        var running = stream.RunAsync(lines: 4);
        await AdvanceUntilAsync(clock, running, TimeSpan.FromMilliseconds(1));

        stream.ReleasedAtMs.ShouldBe([0, 20, 40, 60]);
        clock.PendingTimers.ShouldBe(0);
    }

    [Theory]
    [InlineData(27, new double[] { 0, 27, 40, 60, 80 })]
    [InlineData(50, new double[] { 0, 50, 50, 60, 80 })]
    public async Task LateWake_DoesNotShiftTheLinesAfterIt(int wokeAtMs, double[] expected)
    {
        var clock = new TestClock();
        using var loop = new PacingLoop(clock);
        var stream = new PacedStream(loop, clock, intervalMs: 20);

        var running = stream.RunAsync(lines: 5);
        clock.Advance(TimeSpan.FromMilliseconds(wokeAtMs));
        await AdvanceUntilAsync(clock, running, TimeSpan.FromMilliseconds(1));

        stream.ReleasedAtMs.ShouldBe(expected);
    }

    [Fact]
    public async Task Cancellation_TakesTheWaitingStreamOutOfTheLoopAtOnce()
    {
        var clock = new TestClock();
        using var loop = new PacingLoop(clock);
        using var leaving = new CancellationTokenSource();
        var stream = new PacedStream(loop, clock, intervalMs: 20, leaving.Token);
        var running = stream.RunAsync(lines: 3);
        loop.Waiting.ShouldBe(1);
        clock.PendingTimers.ShouldBe(1);

        await leaving.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(running);
        loop.Waiting.ShouldBe(0);
        clock.PendingTimers.ShouldBe(0);
        stream.ReleasedAtMs.ShouldBe([0]);
    }

    [Fact]
    public async Task SlowStream_DoesNotDelayTheOthers_AndResumesAtItsPaceWhenItsWriteCompletes()
    {
        var clock = new TestClock();
        using var loop = new PacingLoop(clock);
        var write = new TaskCompletionSource();
        var slow = new PacedStream(loop, clock, intervalMs: 20) { BlockedWriteAfter = 2, BlockedWrite = write.Task };
        var other = new PacedStream(loop, clock, intervalMs: 20);

        var slowRunning = slow.RunAsync(lines: 3);
        var otherRunning = other.RunAsync(lines: 6);
        for (var ms = 0; ms < 85; ms++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        write.SetResult();
        await AdvanceUntilAsync(clock, Task.WhenAll(slowRunning, otherRunning), TimeSpan.FromMilliseconds(1));

        other.ReleasedAtMs.ShouldBe([0, 20, 40, 60, 80, 100]);
        slow.ReleasedAtMs.ShouldBe([0, 20, 105]);
    }

    [Fact]
    public async Task Tick_ReleasesEveryLineDueMeanwhileInOneWake_NeverEarly()
    {
        var clock = new TestClock();
        using var loop = new PacingLoop(clock, tick: TimeSpan.FromMilliseconds(5));
        var first = new PacedStream(loop, clock, intervalMs: 20);
        var second = new PacedStream(loop, clock, intervalMs: 22);
        var third = new PacedStream(loop, clock, intervalMs: 24);

        var running = Task.WhenAll(first.RunAsync(lines: 2), second.RunAsync(lines: 2), third.RunAsync(lines: 2));
        await AdvanceUntilAsync(clock, running, TimeSpan.FromMilliseconds(1));

        first.ReleasedAtMs.ShouldBe([0, 20]);
        second.ReleasedAtMs.ShouldBe([0, 25]);
        third.ReleasedAtMs.ShouldBe([0, 25]);
        loop.Wakes.ShouldBe(2);
    }

    /// <summary>Moves the manual clock one step at a time until <paramref name="until"/> completes.</summary>
    private static async Task AdvanceUntilAsync(TestClock clock, Task until, TimeSpan step)
    {
        for (var steps = 0; !until.IsCompleted; steps++)
        {
            steps.ShouldBeLessThan(10_000, "the streams never finished");
            clock.Advance(step);
            await Task.Yield();
        }

        await until;
    }

    private sealed class PacedStream(PacingLoop loop, TestClock clock, double intervalMs, CancellationToken cancellationToken = default)
    {
        public List<double> ReleasedAtMs { get; } = [];

        /// <summary>After this many lines, the next write does not complete until <see cref="BlockedWrite"/> does.</summary>
        public int BlockedWriteAfter { get; init; } = -1;

        public Task BlockedWrite { get; init; } = Task.CompletedTask;

        public async Task RunAsync(int lines)
        {
            using var pacer = new TokenPacer(intervalMs, 0, new Random(1), loop, cancellationToken);
            for (var line = 0; line < lines; line++)
            {
                await pacer.WaitForNextAsync().ConfigureAwait(false);
                ReleasedAtMs.Add((clock.GetUtcNow() - TestClock.Epoch).TotalMilliseconds);
                if (ReleasedAtMs.Count == BlockedWriteAfter)
                {
                    await BlockedWrite.ConfigureAwait(false);
                }
            }
        }
    }
}
