using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// What a fault may look at and do to the stream it is part of, for one request. Everything written through it is
/// journalled. Fault instances are shared by every request of their scenario, so per-request state lives here
/// (<see cref="StateOf{T}"/>, <see cref="RandomFor"/>).
/// </summary>
public sealed class FaultContext
{
    private readonly IFaultTarget _stream;
    private readonly FakeRequest _request;
    private readonly double _timeScale;
    private readonly int _seed;
    private Dictionary<(IStreamFault, Type), object>? _state;
    private Dictionary<IStreamFault, Random>? _randoms;

    internal FaultContext(IFaultTarget stream, FakeRequest request, Scenario scenario, double timeScale, int seed)
    {
        _stream = stream;
        _request = request;
        _timeScale = timeScale;
        _seed = seed;
        Scenario = scenario;
        Random = new Random(seed);
    }

    public HttpContext HttpContext => _request.Http;

    public Scenario Scenario { get; }

    public StreamFraming Framing => _stream.Framing;

    public ApiFlavor Flavor => _request.Flavor;

    public int TokensDelivered => _stream.TokensDelivered;

    public long BytesWritten => _request.Entry.BytesWritten;

    public int LinesWritten => _request.Entry.LinesWritten;

    public bool HeadersSent => _stream.HeadersSent;

    /// <summary>Time since the request arrived, on the fake's clock.</summary>
    public TimeSpan Elapsed => _request.Elapsed;

    /// <summary>The fake's clock, for delays that must not end with this request.</summary>
    public TimeProvider Time => _request.Time;

    /// <summary>Wall-clock time on the fake's clock.</summary>
    public DateTimeOffset Now => _request.Time.GetUtcNow();

    /// <summary>The server's time scale times the scenario's: what every delay is multiplied by.</summary>
    public double TimeScale => _timeScale;

    /// <summary>Seeded from the request's seed: a fault that draws from it is reproducible.</summary>
    public Random Random { get; }

    /// <summary>What faults remember across requests (attempt counters, cold starts).</summary>
    public FaultState Shared => _request.Http.RequestServices.GetRequiredService<FakeState>().Faults;

    /// <summary>
    /// A generator for one fault in this request, seeded from the request's seed and the order in which faults first
    /// ask: the same seed gives every fault the same draws, and one fault's draws do not shift another's.
    /// </summary>
    public Random RandomFor(IStreamFault fault)
    {
        _randoms ??= [];
        if (!_randoms.TryGetValue(fault, out var random))
        {
            random = new Random(unchecked((_seed * 486187739) + _randoms.Count + 1));
            _randoms[fault] = random;
        }

        return random;
    }

    /// <summary>This request's state of <paramref name="fault"/>, created on first use.</summary>
    public T StateOf<T>(IStreamFault fault)
        where T : class, new()
    {
        _state ??= [];
        if (!_state.TryGetValue((fault, typeof(T)), out var state))
        {
            state = new T();
            _state[(fault, typeof(T))] = state;
        }

        return (T)state;
    }

    /// <summary>Records in the journal that <paramref name="fault"/> fired, where, and what it did or planned.</summary>
    public void Record(IStreamFault fault, string action)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _request.Entry.AddFault(new FaultFiring(fault.Name, TokensDelivered, LinesWritten, _request.Elapsed.TotalMilliseconds, action));
    }

    /// <summary>
    /// Waits <paramref name="delay"/> times the time scale (<see cref="Timeout.InfiniteTimeSpan"/>: until the client
    /// leaves); throws <see cref="OperationCanceledException"/> if the client leaves.
    /// </summary>
    public Task DelayAsync(TimeSpan delay) => delay == Timeout.InfiniteTimeSpan
        ? Task.Delay(Timeout.InfiniteTimeSpan, _request.Time, _request.Aborted)
        : delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay * _timeScale, _request.Time, _request.Aborted);

    /// <summary>
    /// Writes bytes exactly as given (sending the 200 headers first if they are not out yet), optionally flushing.
    /// Counts as bytes only; a fault that returns <see cref="FaultAction.Replaced"/> has its bytes counted as the
    /// line they replace. Returns false when the client is gone.
    /// </summary>
    public ValueTask<bool> WriteRawAsync(ReadOnlyMemory<byte> bytes, bool flush = true) => _stream.WriteRawAsync(bytes, flush);

    /// <summary>Writes and flushes one extra complete line (framing included), journalled as a line with its time.</summary>
    public async ValueTask<bool> WriteLineAsync(ReadOnlyMemory<byte> line)
    {
        if (!await _stream.WriteRawAsync(line, flush: true).ConfigureAwait(false))
        {
            return false;
        }

        _request.Entry.AddLine(_request.Elapsed.TotalMilliseconds);
        return true;
    }

    /// <summary>Sends the status line and headers now, with no body byte (the stream's content type unless given).</summary>
    public async ValueTask SendHeadersAsync(string? contentType = null)
    {
        _stream.SendHeaders(contentType);
        try
        {
            await _request.Http.Response.StartAsync(_request.Aborted).ConfigureAwait(false);
            await _request.Http.Response.BodyWriter.FlushAsync(_request.Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            _stream.MarkDisconnected();
            throw new OperationCanceledException("The client left while the headers were sent.", ex, _request.Aborted);
        }
    }

    /// <summary>Ends the response cleanly after what was written (a chunked stream gets its terminator).</summary>
    public void EndStream(string detail) => _stream.EndWith(StreamEnding.Fault, detail);

    /// <summary>
    /// Resets the connection (TCP RST on Linux) at once: no terminator, the client sees a broken response, and lines it
    /// has not yet acknowledged may be lost (<see cref="ResetAsync"/> lets them arrive first).
    /// </summary>
    public void Abort(string detail)
    {
        _stream.EndWith(StreamEnding.Fault, detail);
        _request.Http.Abort();
    }

    /// <summary>
    /// Resets the connection (TCP RST on Linux) after what was written: the client receives every byte flushed before
    /// it (the reset waits, up to <see cref="ConnectionClose.DrainLimit"/>, for the client to take them).
    /// </summary>
    public ValueTask ResetAsync(string detail)
    {
        _stream.EndWith(StreamEnding.Fault, detail);
        return ConnectionClose.ResetAsync(_request.Http);
    }

    /// <summary>
    /// Closes the connection with a FIN after what was written, without the chunked terminator (or before any response
    /// byte if nothing was written): the client reads an end of stream where the body is not complete.
    /// </summary>
    public ValueTask CloseWithoutTerminatorAsync(string detail)
    {
        _stream.EndWith(StreamEnding.Fault, detail);
        return ConnectionClose.WithoutTerminatorAsync(_request.Http);
    }

    /// <summary>Answers an error instead of the stream; only possible before the headers went out.</summary>
    public async ValueTask RespondWithErrorAsync(int status, string message, string detail)
    {
        if (_stream.HeadersSent)
        {
            throw new InvalidOperationException("The headers are already sent; write an in-band error line instead.");
        }

        _stream.EndWith(StreamEnding.Fault, detail);
        await OllamaErrorResponder.WriteAsync(_request, status, message).ConfigureAwait(false);
    }
}
