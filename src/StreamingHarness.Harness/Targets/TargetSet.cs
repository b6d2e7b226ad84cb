using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Profiles;

namespace StreamingHarness.Harness.Targets;

/// <summary>
/// The servers a run talks to: the fake and the relay the harness started itself (the default), or URLs given on
/// the command line. Hands out the probe for a target kind and the stats clients for memory measurements.
/// </summary>
internal sealed class TargetSet : IAsyncDisposable
{
    private readonly List<ChildProcess> _started = [];

    private TargetSet(Uri? fake, Uri? relay, Uri? url, string description)
    {
        Fake = fake;
        Relay = relay;
        Url = url;
        Description = description;
    }

    /// <summary>How the console and the report introduce the servers the harness started.</summary>
    public const string StartedPrefix = "started as separate processes:";

    public Uri? Fake { get; }
    public Uri? Relay { get; }
    public Uri? Url { get; }
    public string Description { get; }
    public bool Embedded => _started.Count > 0;

    public IReadOnlyList<ChildProcess> Started => _started;

    public static TargetSet ForUrls(Uri? url, Uri? fake, Uri? relay) =>
        new(fake, relay, url,
            string.Join(
            ", ",
            new[] { url is null ? null : $"target {url}", fake is null ? null : $"fake {fake}",
            relay is null ? null : $"relay {relay}" }.Where(s => s is not null)));

    /// <summary>
    /// Starts the fake (and the relay when <paramref name="withRelay"/>) as processes on free loopback ports and waits until they answer.
    /// </summary>
    public static async Task<TargetSet> StartEmbeddedAsync(
        EmbeddedOptions options, bool withRelay, HttpClient client, CancellationToken cancellationToken)
    {
        var fakeUri = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var relayUri = withRelay ? new Uri($"http://127.0.0.1:{FreePort.Next()}") : null;
        var set = new TargetSet(
            fakeUri,
            relayUri,
            null,
            $"{StartedPrefix} fake {fakeUri} (pid {{0}})" + (withRelay ? $", relay {relayUri} (pid {{1}})" : ""));
        try
        {
            var fake = ChildProcess.Start(
                ServerProgram.Fake,
                fakeUri,
                FakeArguments(fakeUri, options.ScenariosDirectory, options.TimeScale),
                options.FakeEnvironment);
            set._started.Add(fake);
            await fake.WaitUntilReadyAsync(client, "/", options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            if (relayUri is not null)
            {
                var environment = new Dictionary<string, string>(options.RelayEnvironment)
                {
                    ["Relay__Upstream__BaseUrl"] = fakeUri.ToString().TrimEnd('/'),
                };
                var relay = ChildProcess.Start(ServerProgram.Relay, relayUri, ["--urls", relayUri.ToString().TrimEnd('/')], environment);
                set._started.Add(relay);
                await relay.WaitUntilReadyAsync(client, "/__stats", options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            }

            return set;
        }
        catch
        {
            await set.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The fake's command line: where to listen, the time scale, and the user's scenarios folder (served over the
    /// built-in ones; made absolute, as the fake runs in another working directory).
    /// </summary>
    public static IEnumerable<string> FakeArguments(Uri uri, string? scenarios, double timeScale)
    {
        var scale = timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments = ["--urls", uri.ToString().TrimEnd('/'), "--time-scale", scale];
        return scenarios is null ? arguments : [.. arguments, "--scenarios", Path.GetFullPath(scenarios)];
    }

    public string DescribeProcesses() => string.Format(
        System.Globalization.CultureInfo.InvariantCulture, Description, _started.Select(p => (object)p.ProcessId).ToArray());

    /// <summary>The target's own probe, or <paramref name="profile"/>'s against the same server.</summary>
    public IStreamProbe CreateProbe(TargetKind kind, Func<Uri, ProbeRequestOptions> options, IProtocolProfile? profile = null) =>
        profile is not null
        ? profile.CreateProbe(options(Require(Url ?? (kind.NeedsRelay() ? Relay : Fake), "a server for the profile")))
        : kind switch
    {
        TargetKind.Fake => new NdjsonProbe(options(Require(Url ?? Fake, "the fake"))),
        TargetKind.Relay => new RelaySseProbe(options(Require(Url ?? Relay, "the relay"))),
        TargetKind.RelayOllama => new NdjsonProbe(options(Require(Url ?? Relay, "the relay"))),
        TargetKind.OpenAi => new OpenAiSseProbe(options(Require(Url ?? Fake, "an OpenAI-compatible server"))),
        _ => new NdjsonProbe(options(Require(Url, "an Ollama server (--url)"))),
    };

    /// <summary>The processes with a <c>/__stats</c> endpoint: the started ones, or the fake and relay URLs given.</summary>
    public IReadOnlyList<StatsClient> StatsClients(HttpClient client)
    {
        var clients = new List<StatsClient>();
        if (Fake is not null)
        {
            clients.Add(new StatsClient(client, "fake", Fake));
        }

        if (Relay is not null)
        {
            clients.Add(new StatsClient(client, "relay", Relay));
        }

        return clients;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Uri Require(Uri? uri, string what) =>
        uri ?? throw new ArgumentException(
            $"this target needs {what}: give --url (or --fake-url / --relay-url), or leave all URLs out to start the fake and the relay.");
}
