using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The text a client saw, token by token, with when each arrived (<see cref="TextArrivals"/>), and the client's own
/// move after a number of tokens (<c>client-disconnect</c> leaves, <c>slow-reader</c> stops reading): it runs
/// <paramref name="act"/> and notes when.
/// </summary>
internal sealed class TokenCollector(int? actAfter = null, Action? act = null) : TextArrivals
{
    /// <summary>When the client acted (a <see cref="Ticks"/> timestamp: the host's monotonic clock, as the journal's).</summary>
    public long? LeftAt { get; private set; }

    protected override void InsertItem(int index, string item)
    {
        base.InsertItem(index, item);
        if (Count == actAfter && act is not null)
        {
            LeftAt = HarnessClock.System.Now;
            act();
        }
    }
}
