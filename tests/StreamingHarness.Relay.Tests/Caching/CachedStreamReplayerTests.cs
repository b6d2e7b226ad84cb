using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Shouldly;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Caching;

public sealed class CachedStreamReplayerTests
{
    private static readonly CachedStream Recorded = new("a\nbb\nccc\n"u8.ToArray(), [2, 5, 9], [0, 100, 250]);

    [Fact]
    public async Task ReplayAsync_RecordedPace_EachEventAtItsRecordedOffset()
    {
        var clock = new TestClock();
        var (context, body) = Context();
        var replayer = new CachedStreamReplayer(TestMetrics.Create(), Settings(CacheReplayPace.Recorded), clock);

        var replay = replayer.ReplayAsync(context, "m", new NdjsonPassThroughFormat(), Recorded);

        await WaitForAsync(body, "a\n", clock);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Text(body).ShouldBe("a\n");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(body, "a\nbb\n", clock);
        clock.Advance(TimeSpan.FromMilliseconds(150));
        await replay;
        Text(body).ShouldBe("a\nbb\nccc\n");
        context.Response.ContentType.ShouldBe("application/x-ndjson");
    }

    [Fact]
    public async Task ReplayAsync_FullSpeed_WholeStreamWithoutWaiting()
    {
        var clock = new TestClock();
        var (context, body) = Context();
        var replayer = new CachedStreamReplayer(TestMetrics.Create(), Settings(CacheReplayPace.FullSpeed), clock);

        await replayer.ReplayAsync(context, "m", new NdjsonPassThroughFormat(), Recorded);

        Text(body).ShouldBe("a\nbb\nccc\n");
        clock.PendingTimers.ShouldBe(0);
    }

    private static (DefaultHttpContext Context, MemoryStream Body) Context()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return (context, body);
    }

    private static IOptions<RelayOptions> Settings(CacheReplayPace pace) =>
        Options.Create(new RelayOptions { Cache = { Enabled = true, Replay = pace } });

    /// <summary>The replay wrote <paramref name="text"/> and now waits on the clock for the next event.</summary>
    private static Task WaitForAsync(MemoryStream body, string text, TestClock clock) =>
        Eventually.WaitUntilAsync(() => Text(body) == text && clock.PendingTimers == 1, $"the replay wrote '{text}' and waits");

    private static string Text(MemoryStream body)
    {
        lock (body)
        {
            return Encoding.UTF8.GetString(body.ToArray());
        }
    }
}
