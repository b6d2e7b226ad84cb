extern alias fake;
using fake::StreamingHarness.FakeOllama;
using fake::StreamingHarness.FakeOllama.Journal;
using fake::StreamingHarness.FakeOllama.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// The relay with the fake Ollama, in-process, as its upstream. <c>kestrel</c> puts the relay on a real
/// loopback socket (needed when a test depends on socket behaviour: disconnects, a client that stops reading, node).
/// </summary>
public sealed class RelayOverFake : IAsyncDisposable
{
    private RelayOverFake(FakeOllamaServer fake, RelayFactory relay, HttpClient client)
    {
        Fake = fake;
        Relay = relay;
        Client = client;
    }

    public FakeOllamaServer Fake { get; }

    public RelayFactory Relay { get; }

    public HttpClient Client { get; }

    public static async Task<RelayOverFake> StartAsync(
        IEnumerable<Scenario>? scenarios = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool kestrel = false,
        bool builtInScenarios = false,
        Action<IServiceCollection>? services = null,
        bool openAiUpstream = false)
    {
        var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions
            {
                Scenarios = [.. scenarios ?? []],
                ScenarioDirectory = builtInScenarios ? FakeOllamaOptions.BuiltInScenarioDirectory : null,
                MinimumLogLevel = LogLevel.Warning,
            },
            TestContext.Current.CancellationToken);
        // openAiUpstream: the relay as an Ollama facade over the fake's OpenAI-compatible /v1.
        var relay = openAiUpstream
            ? new RelayFactory(new Uri(fake.BaseAddress, "v1/"), OpenAiMode(settings), services)
            : new RelayFactory(fake.BaseAddress, settings, services);
        if (kestrel)
        {
            relay.UseKestrel(0);
            relay.StartServer();
        }

        return new RelayOverFake(fake, relay, relay.CreateClient());
    }

    /// <summary>The one journal entry for a streaming path once it has finished (the upstream let go).</summary>
    public Task<JournalEntry> FinishedUpstreamAsync(string path = "/api/chat") =>
        Fake.Journal.WaitForAsync(e => e.Path == path, Eventually.DefaultDeadline, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Relay.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private static Dictionary<string, string?> OpenAiMode(IReadOnlyDictionary<string, string?>? settings) =>
        new(settings ?? new Dictionary<string, string?>()) { ["Relay:Upstream:Protocol"] = "openai" };

    /// <summary>A scenario answering <paramref name="response"/> as fast as the fake can.</summary>
    public static Scenario Fixed(string name, string response, Action<ScenarioTiming>? timing = null)
    {
        var t = new ScenarioTiming();
        timing?.Invoke(t);
        return new Scenario
        {
            Name = name,
            Response = response,
            FirstTokenMs = t.FirstTokenMs,
            InterTokenMs = t.InterTokenMs,
            PauseAfterTokens = t.PauseAfterTokens,
            Faults = t.Faults,
            Parallel = t.Parallel,
            MaxQueue = t.MaxQueue,
        };
    }
}

/// <summary>The few scenario knobs the relay tests turn.</summary>
public sealed class ScenarioTiming
{
    public double FirstTokenMs { get; set; }

    public double InterTokenMs { get; set; }

    public int? PauseAfterTokens { get; set; }

    public int Parallel { get; set; }

    public int MaxQueue { get; set; } = 512;

    public IList<fake::StreamingHarness.FakeOllama.Faults.IStreamFault> Faults { get; } = [];
}
