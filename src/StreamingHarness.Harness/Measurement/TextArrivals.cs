using System.Collections.ObjectModel;
using System.Text;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The answer text a client received, event by event, each with its arrival time: a probe adds every content text to
/// <see cref="RequestTimeline.Texts"/> as it reads it, and this notes when (a <see cref="Ticks"/> timestamp) and where
/// the text stood after it. <see cref="StreamJoin"/> joins these arrivals to the lines the fake sent.
/// </summary>
internal class TextArrivals(bool keepText = true) : Collection<string>
{
    private readonly StringBuilder? _text = keepText ? new StringBuilder() : null;
    private readonly List<TextArrival> _arrivals = [];
    private long _length;

    /// <summary>The text received, in order (empty when the text is not kept).</summary>
    public string Text => _text?.ToString() ?? "";

    public IReadOnlyList<TextArrival> Arrivals => _arrivals;

    protected override void InsertItem(int index, string item)
    {
        // The host's own monotonic clock, never the run's TimeProvider: these arrivals are joined with the fake's journal,
        // which another process stamps on that same clock.
        var now = HarnessClock.System.Now;
        base.InsertItem(index, item);
        _text?.Append(item);
        _length += item.Length;
        _arrivals.Add(new TextArrival(now, _length));
    }
}
