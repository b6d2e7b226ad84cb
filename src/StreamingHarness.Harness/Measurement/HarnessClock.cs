using System.Diagnostics;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The harness's one clock: a <see cref="TimeProvider"/> (the system's in a run, a FakeTimeProvider in tests) read as
/// <see cref="Stopwatch"/> ticks, the unit of every figure (<see cref="Ticks"/>). On the system clock a reading is
/// <see cref="Stopwatch.GetTimestamp"/> itself, the clock the fake's journal stamps its lines with, so the two join.
/// A provider that counts at another rate (FakeTimeProvider: 10⁷ a second, from a date) is counted in Stopwatch ticks from
/// one second before this clock was made: its readings then fit a long, and none is 0, which a timeline reads as "not yet".
/// A reading allocates nothing and arms no timer: probes stamp every token with it.
/// </summary>
internal sealed class HarnessClock
{
    private readonly long _origin;
    private readonly double _scale;
    private readonly bool _native;

    public HarnessClock(TimeProvider time)
    {
        Time = time;
        _native = time.TimestampFrequency == Stopwatch.Frequency;
        _scale = (double)Stopwatch.Frequency / time.TimestampFrequency;
        _origin = _native ? 0 : time.GetTimestamp() - time.TimestampFrequency;
    }

    public static HarnessClock System { get; } = new(TimeProvider.System);

    /// <summary>For the clock's timers and delays: phase durations, deadlines, drains, sampling.</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, in Stopwatch ticks.</summary>
    public long Now => _native ? Time.GetTimestamp() : (long)((Time.GetTimestamp() - _origin) * _scale);
}
