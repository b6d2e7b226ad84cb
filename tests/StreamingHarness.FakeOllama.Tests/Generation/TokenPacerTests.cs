using Shouldly;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scheduling;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Generation;

public sealed class TokenPacerTests
{
    [Fact]
    public async Task WaitForNext_OnTime_KeepsTheRate_Late_DoesNotBurst()
    {
        var clock = new TestClock();
        using var pacer = new TokenPacer(100, 0, new Random(1), new PacingLoop(clock), TestContext.Current.CancellationToken);

        (await Completed(pacer.WaitForNextAsync(), clock)).ShouldBe(0);
        clock.Advance(TimeSpan.FromMilliseconds(30));
        (await Completed(pacer.WaitForNextAsync(), clock)).ShouldBe(70);

        // The third token's write took 350 ms: the fourth goes 100 ms after it, not at once.
        clock.Advance(TimeSpan.FromMilliseconds(350));
        (await Completed(pacer.WaitForNextAsync(), clock)).ShouldBe(100);
    }

    [Fact]
    public async Task WaitForNext_SameSeed_SameJitter()
    {
        async Task<List<int>> WaitsAsync(int seed)
        {
            var clock = new TestClock();
            using var pacer = new TokenPacer(100, 20, new Random(seed), new PacingLoop(clock), TestContext.Current.CancellationToken);
            var waits = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                waits.Add(await Completed(pacer.WaitForNextAsync(), clock));
            }

            return waits;
        }

        var first = await WaitsAsync(3);
        (await WaitsAsync(3)).ShouldBe(first);
        first.Skip(1).ShouldAllBe(w => w >= 80 && w <= 120);
        first.Distinct().Count().ShouldBeGreaterThan(2);
    }

    /// <summary>Advances the manual clock one millisecond at a time until the wait ends; returns how many it took.</summary>
    private static async Task<int> Completed(ValueTask pending, TestClock clock)
    {
        var wait = pending.AsTask();
        var advanced = 0;
        while (!wait.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            advanced++;
            await Task.Yield();
        }

        await wait;
        return advanced;
    }
}
