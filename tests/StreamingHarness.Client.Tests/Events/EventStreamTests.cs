using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StreamingHarness.Client.Events;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Events;

public sealed class EventStreamTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task StreamAsync_TokensThenOneDoneWithOllamasCounts_AndProgressAfterEachEvent()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("empty-chunks");
        var progress = new Recorder();

        var events = new List<(OllamaStreamEventKind Kind, string Text, OllamaStreamSummary? Summary)>();
        await foreach (var item in client.StreamAsync(Hello, progress: progress, cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add((item.Kind, item.Text, item.Summary));
        }

        var chat = (await fake.FinishedChatsAsync()).Single();
        events.Count(e => e.Kind == OllamaStreamEventKind.Token).ShouldBe(chat.TokensDelivered);
        string.Concat(events.Select(e => e.Text)).ShouldBe(Sentence);
        var done = events[^1];
        done.Kind.ShouldBe(OllamaStreamEventKind.Done);
        done.Summary!.CompletionTokens.ShouldBe(chat.TokensDelivered);
        done.Summary.DoneReason.ShouldBe("stop");
        progress.Reports.Select(r => r.Tokens).ShouldBeInOrder();
        progress.Reports[^1].Tokens.ShouldBe(chat.TokensDelivered);
        progress.Reports.Select(r => r.Bytes).ShouldBeInOrder();
        done.Summary.Bytes.ShouldBe(progress.Reports[^1].Bytes);
        progress.Reports.ShouldAllBe(r => r.TimeToFirstToken != null);
    }

    [Fact]
    public async Task CoalesceWindow_TokensMergeUntilTheBufferIsFull_WhileTheWindowIsOpen()
    {
        await using var fake = await StartAsync();
        var time = new FakeTimeProvider();
        using var client = fake.Client(
            "empty-chunks", o => (o.CoalesceWindow, o.MaxBufferedTokens) = (TimeSpan.FromMilliseconds(50), 4), time);

        var tokens = new List<(int Count, string Text)>();
        await foreach (var item in client.StreamAsync(Hello, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (item.Kind == OllamaStreamEventKind.Token)
            {
                tokens.Add((item.TokenCount, item.Text));
            }
        }

        // The virtual clock never moves, so the window never closes: only a full buffer or the end flushes.
        var total = (await fake.FinishedChatsAsync()).Single().TokensDelivered;
        tokens.Sum(t => t.Count).ShouldBe(total);
        tokens.SkipLast(1).ShouldAllBe(t => t.Count == 4);
        tokens.Count.ShouldBe((total + 3) / 4);
        string.Concat(tokens.Select(t => t.Text)).ShouldBe(Sentence);
    }

    [Fact]
    public async Task CoalesceWindow_WhenTheWindowClosesTheHeldTokensGoOut()
    {
        await using var fake = await StartAsync(timeScale: 1);
        var time = new FakeTimeProvider();
        using var client = fake.Client("stall", o => o.CoalesceWindow = TimeSpan.FromMilliseconds(50), time);
        await using var events = client.StreamAsync(Hello, cancellationToken: TestContext.Current.CancellationToken)
            .GetAsyncEnumerator(TestContext.Current.CancellationToken);

        // Three tokens, then the fake stalls for 5 s: the merged event can only come from the window closing.
        var next = events.MoveNextAsync().AsTask();
        while (!next.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));

            // A pump, not synchronisation: the loop ends on the event itself.
            await Task.WhenAny(next, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        (await next).ShouldBeTrue();
        events.Current.Kind.ShouldBe(OllamaStreamEventKind.Token);
        events.Current.Text.ShouldBe("The quick brown".Substring(0, events.Current.Text.Length));
    }

    private sealed class Recorder : IProgress<StreamProgress>
    {
        public List<StreamProgress> Reports { get; } = [];

        public void Report(StreamProgress value) => Reports.Add(value);
    }
}
