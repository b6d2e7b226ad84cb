using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using StreamingHarness.FakeOllama.Journal;

namespace StreamingHarness.FakeOllama;

/// <summary>
/// A fake Ollama on real Kestrel sockets, for tests and for the standalone program:
/// <code>await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions { ... });
/// var client = new HttpClient { BaseAddress = fake.BaseAddress };</code>
/// </summary>
public sealed class FakeOllamaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeState _state;

    private FakeOllamaServer(WebApplication app, FakeState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The first address listened on, with the real port, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The shared pacing loop: tests on a manual clock read how many streams wait in it.</summary>
    internal Scheduling.PacingLoop Pacing => _state.Pacing;

    /// <summary>The console's event feed (<c>/__fake/events</c>): tests read its listeners and their queues.</summary>
    internal LiveConsole.ConsoleEvents ConsoleEvents => _state.Console;

    /// <summary>Every address listened on.</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(
            a => new Uri(a))];

    /// <summary>What was asked and what was delivered, request by request.</summary>
    public FakeJournal Journal => _state.Journal;

    /// <summary>Names of the scenarios served.</summary>
    public IReadOnlyList<string> ScenarioNames => [.. _state.Catalog.Scenarios.Select(s => s.Name)];

    /// <summary>Models served, as <c>/api/tags</c> lists them.</summary>
    public IReadOnlyList<string> ModelNames => [.. _state.Catalog.Models.Select(m => m.Model.FullName)];

    /// <summary>Streams open right now (what <c>/__stats</c> reports as <c>active_streams</c>).</summary>
    public long ActiveStreams => _state.ActiveStreams;

    /// <summary>Requests waiting for a scheduler slot (beyond <c>parallel</c>).</summary>
    public int QueuedRequests => _state.QueuedRequests;

    /// <summary>Streams waiting at their <c>pause_after_tokens</c> point.</summary>
    public int PausedStreams => _state.Pause.Waiting;

    /// <summary>
    /// Loads the scenarios (a bad file throws <see cref="Scenarios.ScenarioLoadException"/>), then listens.
    /// A port in use throws <see cref="IOException"/>.
    /// </summary>
    public static async Task<FakeOllamaServer> StartAsync(FakeOllamaOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeOllamaOptions();
        var app = FakeOllamaApp.Build(options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var first = new Uri(addresses.First().Replace("//[::]", "//localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new FakeOllamaServer(app, app.Services.GetRequiredService<FakeState>(), first);
    }

    /// <summary>
    /// In record mode, what the upstream says about itself (see <see cref="Recording.RecordingUpstream.ProbeAsync"/>); null otherwise.
    /// </summary>
    public async Task<string?> ProbeUpstreamAsync(CancellationToken cancellationToken = default) =>
        _app.Services.GetService<Recording.RecordingUpstream>() is { } upstream
            ? await upstream.ProbeAsync(cancellationToken).ConfigureAwait(false) : null;

    /// <summary>Lets every stream paused at <c>pause_after_tokens</c> carry on; returns how many there were.</summary>
    public int ReleasePausedStreams() => _state.Pause.ReleaseAll();

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
