namespace StreamingHarness.Harness.Load;

/// <summary>
/// Every phase stops by itself: it issues requests until <see cref="Duration"/> passes or <see cref="MaxRequests"/>
/// were sent, whichever comes first, then lets the requests in flight finish for up to <see cref="Drain"/> and
/// cancels the rest.
/// </summary>
internal sealed record RunBounds(TimeSpan Duration, long MaxRequests, TimeSpan Drain)
{
    public RunBounds Validate()
    {
        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"duration must be positive, got {Duration}.");
        }

        if (MaxRequests < 1)
        {
            throw new ArgumentException($"max requests must be at least 1, got {MaxRequests}.");
        }

        return this;
    }
}
