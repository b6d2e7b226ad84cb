using Microsoft.AspNetCore.Http;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>What a fault may look at and do to the stream it is part of. Everything written through it is journalled.</summary>
public sealed class FaultContext
{
    private readonly ResponseStream _stream;
    private readonly FakeRequest _request;
    private readonly double _timeScale;

    internal FaultContext(ResponseStream stream, FakeRequest request, Scenario scenario, double timeScale, int seed)
    {
        _stream = stream;
        _request = request;
        _timeScale = timeScale;
        Scenario = scenario;
        Random = new Random(seed);
    }

    public HttpContext HttpContext => _request.Http;

    public Scenario Scenario { get; }

    public StreamFraming Framing => _stream.Framing;

    public ApiFlavor Flavor => _request.Flavor;

    public int TokensDelivered => _stream.TokensDelivered;

    public long BytesWritten => _request.Entry.BytesWritten;

    public bool HeadersSent => _stream.HeadersSent;

    /// <summary>Seeded from the request's seed: a fault that draws from it is reproducible.</summary>
    public Random Random { get; }

    /// <summary>Waits <paramref name="delay"/> times the time scale; throws <see cref="OperationCanceledException"/> if the client leaves.</summary>
    public Task DelayAsync(TimeSpan delay) =>
        Task.Delay(delay * _timeScale, _request.Time, _request.Aborted);

    /// <summary>
    /// Writes bytes exactly as given (sending the 200 headers first if they are not out yet), optionally flushing.
    /// Returns false when the client is gone.
    /// </summary>
    public ValueTask<bool> WriteRawAsync(ReadOnlyMemory<byte> bytes, bool flush = true) => _stream.WriteRawAsync(bytes, flush);

    /// <summary>Ends the response cleanly after what was written (a chunked stream gets its terminator).</summary>
    public void EndStream(string detail) => _stream.Stop(StreamEnding.Fault, detail);

    /// <summary>Resets the connection: no terminator, the client sees a broken response.</summary>
    public void Abort(string detail)
    {
        _stream.Stop(StreamEnding.Fault, detail);
        _request.Http.Abort();
    }

    /// <summary>Answers an error instead of the stream; only possible before the headers went out.</summary>
    public async ValueTask RespondWithErrorAsync(int status, string message, string detail)
    {
        if (_stream.HeadersSent)
        {
            throw new InvalidOperationException("The headers are already sent; write an in-band error line instead.");
        }

        _stream.Stop(StreamEnding.Fault, detail);
        await ErrorResponses.WriteAsync(_request, status, message).ConfigureAwait(false);
    }
}
