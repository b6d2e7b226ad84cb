using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// One streaming protocol: how to ask for a stream and how to read it. The probe reports each chunk to the
/// request's timeline and says how the stream ended; a broken stream throws <see cref="StreamProtocolException"/>.
/// </summary>
internal interface IStreamProbe
{
    /// <summary>What the probe speaks, for reports (e.g. "ollama ndjson /api/chat").</summary>
    string Description { get; }

    HttpRequestMessage CreateRequest(string model);

    /// <summary>
    /// True when the probe reports every read of the body to the timeline itself (<see cref="RequestTimeline.OnBytes"/>,
    /// as <see cref="TimingReadStream"/> does), so the executor hands it the body unwrapped: a layer less per token.
    /// </summary>
    bool StampsReads => false;

    ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken);
}
