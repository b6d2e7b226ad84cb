namespace StreamingHarness.FakeOllama.Journal;

/// <summary>
/// A journal entry's line times and text ends: appended by the one request that writes the entry (a line at a time, in
/// order), read at any time by anyone, without a lock. Each append writes its slot, then publishes the count; the array
/// only grows, and a grown one is published before the count that needs it, so a reader that reads the count first
/// always finds an array that long. Bounded to <c>capacity</c> lines, so a long stream keeps constant memory.
/// Hand-written because this runs for every line of every stream, where a lock per line cost more than the rest of the
/// journal's work.
/// </summary>
internal sealed class LineLog(int capacity)
{
    private (double AtMs, long TextEnd)[] _lines = [];
    private int _count;

    /// <summary>Single writer: the request's own flow.</summary>
    public void Add(double atMs, long textEnd)
    {
        var count = _count;
        if (count >= capacity)
        {
            return;
        }

        var lines = _lines;
        if (count == lines.Length)
        {
            var grown = new (double, long)[Math.Min(capacity, Math.Max(16, lines.Length * 2))];
            lines.CopyTo(grown, 0);
            Volatile.Write(ref _lines, grown);
            lines = grown;
        }

        lines[count] = (atMs, textEnd);
        Volatile.Write(ref _count, count + 1);
    }

    public double[] TimesMs()
    {
        var count = Volatile.Read(ref _count);
        var lines = Volatile.Read(ref _lines);
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = lines[i].AtMs;
        }

        return times;
    }

    public long[] TextEnds()
    {
        var count = Volatile.Read(ref _count);
        var lines = Volatile.Read(ref _lines);
        var ends = new long[count];
        for (var i = 0; i < count; i++)
        {
            ends[i] = lines[i].TextEnd;
        }

        return ends;
    }
}
