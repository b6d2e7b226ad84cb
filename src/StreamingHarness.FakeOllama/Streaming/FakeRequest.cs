using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// Per-request state shared by the endpoint, the stream and the journal middleware: when the request arrived, its
/// journal entry, and how it ended. The middleware closes the journal entry from it once the response is over.
/// </summary>
internal sealed class FakeRequest(HttpContext http, JournalEntry entry, TimeProvider time, int bodyLimit)
{
    private readonly long _start = time.GetTimestamp();

    public HttpContext Http { get; } = http;

    public JournalEntry Entry { get; } = entry;

    public TimeProvider Time { get; } = time;

    /// <summary>Request body characters the journal keeps.</summary>
    public int BodyLimit { get; } = bodyLimit;

    public ApiFlavor Flavor { get; set; } = ApiFlavor.Native;

    /// <summary>Set by whoever ends the request in an unusual way (disconnect, fault, error); null means "ended normally".</summary>
    public StreamEnding? Ending { get; private set; }

    public string? EndingDetail { get; private set; }

    /// <summary>
    /// The request's abort token, read once: Kestrel's getter takes a lock, and the stream asks for it at every flush.
    /// Nothing in the fake replaces the token (shutdown aborts the request, which cancels this same token).
    /// </summary>
    public CancellationToken Aborted { get; } = http.RequestAborted;

    /// <summary>When the request arrived, as a timestamp of <see cref="Time"/>.</summary>
    public long StartTimestamp => _start;

    public TimeSpan Elapsed => Time.GetElapsedTime(_start);

    public long ElapsedNanoseconds => Elapsed.Ticks * 100;

    public static FakeRequest Of(HttpContext http) =>
        http.Features.Get<FakeRequest>() ?? throw new InvalidOperationException("The journal middleware did not run for this request.");

    /// <summary>Records the first unusual ending only: a disconnect noticed after a fault ended the stream stays a fault.</summary>
    public void EndWith(StreamEnding ending, string detail)
    {
        if (Ending is null)
        {
            Ending = ending;
            EndingDetail = detail;
        }
    }
}
