namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Counts tokens, completions and failures per time bin since the run started, for the "throughput over time"
/// chart. Fixed bins sized from the planned duration; anything past the end lands in the last bin.
/// </summary>
internal sealed class RateTimeline
{
    private readonly long _start;
    private readonly long _binTicks;
    private readonly long[] _tokens;
    private readonly long[] _completed;
    private readonly long[] _failed;
    private long _lastIndex;

    public RateTimeline(long start, TimeSpan plannedDuration)
    {
        _start = start;
        var binSeconds = Math.Max(0.25, plannedDuration.TotalSeconds / 120);
        BinSeconds = binSeconds;
        _binTicks = Ticks.FromMilliseconds(binSeconds * 1000);
        var bins = (int)Math.Ceiling((plannedDuration.TotalSeconds * 2 + 120) / binSeconds);
        _tokens = new long[bins];
        _completed = new long[bins];
        _failed = new long[bins];
    }

    public double BinSeconds { get; }

    public void AddToken(long now) => Interlocked.Increment(ref _tokens[IndexOf(now)]);

    public void AddCompletion(long now, bool ok) =>
        Interlocked.Increment(ref (ok ? _completed : _failed)[IndexOf(now)]);

    /// <summary>Per bin: seconds since start, tokens/s, completed requests/s, failed requests/s.</summary>
    public IReadOnlyList<RatePoint> Points()
    {
        var last = (int)Volatile.Read(ref _lastIndex);
        var points = new List<RatePoint>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            points.Add(new RatePoint(
                Math.Round((i + 1) * BinSeconds, 3),
                _tokens[i] / BinSeconds,
                _completed[i] / BinSeconds,
                _failed[i] / BinSeconds));
        }

        return points;
    }

    private int IndexOf(long now)
    {
        var index = (int)Math.Clamp((now - _start) / _binTicks, 0, _tokens.Length - 1);
        AtomicLong.Max(ref _lastIndex, index);
        return index;
    }
}

internal sealed record RatePoint(double Seconds, double TokensPerSecond, double CompletedPerSecond, double FailedPerSecond);
