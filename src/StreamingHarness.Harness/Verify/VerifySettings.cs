using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// How verify runs: the model it asks for, the bound on reporting a stall, and the client's deadlines that follow
/// from it. <see cref="StallSlack"/> is what the client allows on top of the bound for the error to travel.
/// </summary>
internal sealed record VerifySettings(string Model, TimeSpan StallBound, string Prompt = "Tell me about the quick brown fox.")
{
    /// <summary>The default of <c>--max-added-delay</c>: the most a service may hold a token before its client gets it.</summary>
    public static readonly TimeSpan DefaultMaxAddedDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The fake's time scale, undone in the pace of the cases whose timing is the point (<c>incremental</c>).</summary>
    public double TimeScale { get; init; } = 1;

    public TimeSpan MaxAddedDelay { get; init; } = DefaultMaxAddedDelay;

    /// <summary>The bound at time scale 1; it scales with <c>--time-scale</c> unless <c>--stall-bound</c> is given.</summary>
    public static readonly TimeSpan DefaultStallBound = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan StallSlack = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deadlines of every case but the stall: generous (a service may wait out a 429's real 2 s Retry-After twice),
    /// so only a service that hangs trips them.
    /// </summary>
    public RequestTimeouts Timeouts => new(
        Headers: null,
        FirstToken: Max(StallBound * 2, TimeSpan.FromSeconds(30)),
        Idle: StallBound + StallSlack,
        Total: TimeSpan.FromMinutes(5));

    /// <summary>
    /// The stall case: the error must come within the bound of the silence. The total deadline also stops a service
    /// that keeps the connection busy with heartbeats but never reports the stall (the first tokens come at once).
    /// </summary>
    public RequestTimeouts StallTimeouts => Timeouts with { Total = StallBound + StallSlack + TimeSpan.FromSeconds(5) };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
