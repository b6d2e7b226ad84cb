using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Client.Tests.Faults;

/// <summary>
/// The deadlines, on virtual time: the fake plays the fault in real time (seconds long), the client's clock is a
/// <see cref="FakeTimeProvider"/> the test moves past the deadline at a known point of the stream.
/// </summary>
public sealed class FaultTimeoutTests
{
    [Theory]
    [InlineData("slow-first-token")]
    [InlineData("early-headers")]
    public async Task NoTokenInTime_FirstTokenTimeout_AndTheFakeSeesTheClientLeave(string scenario)
    {
        await using var fake = await StartAsync(timeScale: 1);
        var time = new FakeTimeProvider();
        using var client = fake.Client(scenario, o => o.FirstTokenTimeout = TimeSpan.FromSeconds(1), time);

        await using var updates = client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken)
            .GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var first = updates.MoveNextAsync();
        await fake.ChatStartedAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Should.ThrowAsync<OllamaStreamException>(first.AsTask());
        error.Code.ShouldBe("first_token_timeout");
        error.TokensReceived.ShouldBe(0);
        error.Retryable.ShouldBeTrue();
        var chat = (await fake.FinishedChatsAsync()).Single();
        chat.Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task Stall_IdleTimeoutAfterThreeTokens()
    {
        await using var fake = await StartAsync(timeScale: 1);
        var time = new FakeTimeProvider();
        using var client = fake.Client("stall", o => o.IdleTimeout = TimeSpan.FromSeconds(1), time);
        var texts = new List<string>();

        var error = await Should.ThrowAsync<OllamaStreamException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(
                "hello", cancellationToken: TestContext.Current.CancellationToken))
            {
                texts.Add(update.Text);
                if (texts.Count == 3)
                {
                    // The fake now holds the socket silent for 5 s; the client's idle clock runs out first.
                    time.Advance(TimeSpan.FromSeconds(1));
                }
            }
        });

        error.Code.ShouldBe("idle_timeout");
        error.TokensReceived.ShouldBe(3);
        string.Concat(texts).ShouldBe("The quick brown");
        (await fake.FinishedChatsAsync()).Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
    }

    [Fact]
    public async Task SlowTokens_PastTheTotalDeadline_TotalTimeoutNotRetryable()
    {
        await using var fake = await StartAsync(timeScale: 1);
        var time = new FakeTimeProvider();
        using var client = fake.Client(
            "slow-tokens",
            o => (o.FirstTokenTimeout, o.IdleTimeout, o.TotalTimeout) = (
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
            time);

        var error = await Should.ThrowAsync<OllamaStreamException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken))
            {
                time.Advance(TimeSpan.FromSeconds(2));
            }
        });

        error.Code.ShouldBe("total_timeout");
        error.TokensReceived.ShouldBe(1);
        error.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Cancellation_ReleasesTheConnection_TheFakeJournalsTheClientDisconnect()
    {
        await using var fake = await StartAsync(timeScale: 1);
        using var client = fake.Client("stall");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var tokens = 0;

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hello", cancellationToken: cancel.Token))
            {
                if (++tokens == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        var chat = (await fake.FinishedChatsAsync()).Single();
        chat.Ending.ShouldBe(StreamEnding.ClientDisconnected);
        chat.Detail.ShouldBe("client disconnected at token 3");
    }

    [Fact]
    public async Task RateLimited429_ARetryAfterWithinMaxRetryAfter_IsWaitedOutOnTheClientsClock()
    {
        await using var fake = await StartAsync();
        var time = new FakeTimeProvider();
        using var client = fake.Client("rate-limited-429", o => o.MaxRetries = 1, time);

        var run = ChatAsync(client);
        await fake.FinishedChatsAsync(1);
        var advanced = TimeSpan.Zero;
        while (fake.Chats().Count < 2 && advanced < TimeSpan.FromMinutes(1))
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            advanced += TimeSpan.FromMilliseconds(250);
            await Task.WhenAny(run, fake.Server.Journal.WaitForAsync(
                _ => fake.Chats().Count >= 2, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken)
                .ContinueWith(_ => { }, TaskScheduler.Default));
        }

        var (_, error) = await run;
        advanced.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "the retry waits out Retry-After: 2");
        error!.UpstreamStatus.ShouldBe(HttpStatusCode.TooManyRequests);
        (await fake.FinishedChatsAsync(2)).Count.ShouldBe(2);
    }
}
