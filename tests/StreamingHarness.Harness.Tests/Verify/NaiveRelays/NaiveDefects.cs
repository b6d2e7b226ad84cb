namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// The classic defects of a hand-written streaming relay, switchable one by one. The verify cases each should fail
/// (the built-in scenario names of scenarios/), when it is the only defect switched on:
/// <list type="bullet">
/// <item><see cref="SplitEachRead"/>: <c>trickle</c> (lines cut across reads are lost or garbled).</item>
/// <item><see cref="IgnoreInBandErrors"/>: <c>error-midstream</c>, <c>legacy-error</c> (a clean end instead of the error).</item>
/// <item><see cref="CompleteWithoutDone"/>: <c>early-eof</c> (a clean end although <c>done:true</c> never came).</item>
/// <item><see cref="NoIdleTimeout"/>: <c>stall</c> (no error while the upstream is silent; the stream just waits).</item>
/// <item><see cref="NoUpstreamCancel"/>: <c>client-disconnect</c> (the upstream request runs to its end).</item>
/// <item><see cref="BufferWholeAnswer"/>: <c>incremental</c> (buffered) and <c>slow-reader</c> (a buffer is an unbounded queue).</item>
/// <item><see cref="DelayEachChunk"/>: <c>incremental</c> and any paced case whose delays pile up (delayed).</item>
/// <item><see cref="UnboundedQueue"/>: <c>slow-reader</c> (the whole upstream read while the client does not read).</item>
/// </list>
/// </summary>
[Flags]
public enum NaiveDefects
{
    /// <summary>A robust relay: every case of the catalogue handled.</summary>
    None = 0,

    /// <summary>
    /// Each read of the upstream body is split on <c>\n</c> on its own, as if reads were lines: a line cut across two
    /// reads becomes two broken pieces (the SSE relay drops pieces it cannot parse; the proxy forwards them as lines).
    /// Also hides <c>malformed-line</c> and <c>huge-line</c> as skips, which verify accepts.
    /// </summary>
    SplitEachRead = 1,

    /// <summary>An in-band <c>{"error":...}</c> line is taken for the end of the answer, reported as a success.</summary>
    IgnoreInBandErrors = 2,

    /// <summary>An upstream body that ends cleanly without <c>done:true</c> is reported as a complete answer.</summary>
    CompleteWithoutDone = 4,

    /// <summary>No first-token or idle deadline: a silent upstream holds the client for as long as it stays silent.</summary>
    NoIdleTimeout = 8,

    /// <summary>The upstream request is not tied to the client's: when the client leaves, the relay reads on to the end.</summary>
    NoUpstreamCancel = 16,

    /// <summary>Every line is held until the upstream's answer is complete, then all are sent at once.</summary>
    BufferWholeAnswer = 32,

    /// <summary>Each line waits a fixed <see cref="NaiveRelayOptions.ChunkDelay"/> before it is sent.</summary>
    DelayEachChunk = 64,

    /// <summary>
    /// The upstream is read into an unbounded queue as fast as it comes, and a second loop writes the queue to the
    /// client: the reading never waits for the client.
    /// </summary>
    UnboundedQueue = 128,

    /// <summary>The defects <see cref="NaiveRelayVerifyTests"/> switch on together (the timing ones have tests of their own).</summary>
    All = SplitEachRead | IgnoreInBandErrors | CompleteWithoutDone | NoIdleTimeout | NoUpstreamCancel,
}
