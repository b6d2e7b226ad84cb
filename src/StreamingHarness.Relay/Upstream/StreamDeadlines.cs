using StreamingHarness.Client.Streaming;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// The clocks of one relayed stream: the client library's <see cref="OllamaStreamDeadlines"/> (client leaving, total
/// deadline, first-token then idle timer) with the relay's timeouts, and its verdict as a <see cref="RelayFailure"/>.
/// </summary>
internal sealed class StreamDeadlines(UpstreamOptions options, TimeProvider time, CancellationToken client) : IDisposable
{
    public OllamaStreamDeadlines Core { get; } = new(options.FirstTokenTimeout, options.IdleTimeout, options.TotalTimeout, time, client);

    public CancellationToken Token => Core.Token;

    public bool ClientGone => Core.CallerCancelled;

    /// <summary>Which clock fired; null when none did or when the client left (then nobody is left to tell).</summary>
    public RelayFailure? Classify() => Core.Classify() is { } failure ? RelayFailure.From(failure) : null;

    public void Dispose() => Core.Dispose();
}
