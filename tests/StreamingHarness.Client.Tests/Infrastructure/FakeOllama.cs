using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing;

namespace StreamingHarness.Client.Tests.Infrastructure;

/// <summary>The fake Ollama on real Kestrel sockets (a free loopback port), and clients pointed at it.</summary>
public sealed class FakeOllama : IAsyncDisposable
{
    public const string Sentence = "The quick brown fox jumps over the lazy dog while the stream keeps going.";

    private static readonly TimeSpan JournalDeadline = TimeSpan.FromSeconds(15);

    private FakeOllama(FakeOllamaServer server) => Server = server;

    public FakeOllamaServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>
    /// Built-in scenarios (scenarios/*.yaml) plus <paramref name="scenarios"/>; delays times <paramref name="timeScale"/>.
    /// </summary>
    public static async Task<FakeOllama> StartAsync(double timeScale = 0.05, params Scenario[] scenarios) =>
        new(await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions
            {
                ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory,
                Scenarios = scenarios,
                TimeScale = timeScale,
                MinimumLogLevel = LogLevel.Warning,
            },
            TestContext.Current.CancellationToken));

    /// <summary>Options for <paramref name="model"/> with quick retries, so a test spends no real time backing off.</summary>
    public OllamaStreamingOptions Options(string model, Action<OllamaStreamingOptions>? configure = null)
    {
        var options = new OllamaStreamingOptions
        {
            BaseAddress = BaseAddress,
            Model = model,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public OllamaStreamingChatClient Client(string model, Action<OllamaStreamingOptions>? configure = null, TimeProvider? time = null) =>
        new(Options(model, configure), httpClient: null, time);

    /// <summary>The chat requests the fake has seen, once <paramref name="count"/> of them have finished.</summary>
    public async Task<IReadOnlyList<JournalEntry>> FinishedChatsAsync(int count = 1)
    {
        await Server.Journal.WaitForAsync(
            _ => Chats().Count(e => e.IsFinished) >= count, JournalDeadline, TestContext.Current.CancellationToken);
        return Chats();
    }

    /// <summary>Waits until the fake has begun answering a chat (the journal only signals finished entries, so this polls).</summary>
    public Task ChatStartedAsync() =>
        Eventually.WaitAsync(() => Chats().Count, static count => count > 0, "the fake received the chat request");

    public IReadOnlyList<JournalEntry> Chats() => [.. Server.Journal.Entries.Where(e => e.Path == "/api/chat")];

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>Runs one chat through <see cref="IChatClient"/>: the text that arrived, and the exception that ended it, if any.</summary>
    public static async Task<(string Text, OllamaStreamException? Error)> ChatAsync(IChatClient client, string prompt = "hello")
    {
        var text = new System.Text.StringBuilder();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(prompt, cancellationToken: TestContext.Current.CancellationToken))
            {
                text.Append(update.Text);
            }

            return (text.ToString(), null);
        }
        catch (OllamaStreamException ex)
        {
            return (text.ToString(), ex);
        }
    }
}
