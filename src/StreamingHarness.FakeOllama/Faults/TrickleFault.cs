using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>trickle</c>: one line written in <see cref="Pieces"/> separate flushes with <see cref="Delay"/> between them, as
/// a buffering proxy or a slow link delivers it. One cut always falls inside the line's text string and, when the line
/// has a multi-byte UTF-8 character, one falls between that character's bytes, so only a client that buffers bytes
/// up to the newline before decoding survives.
/// </summary>
public sealed class TrickleFault(int pieces, TimeSpan delay, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.Trickle;

    public int Pieces { get; } = pieces >= 2 ? pieces : throw new ArgumentOutOfRangeException(nameof(pieces), "pieces must be 2 or more.");

    public TimeSpan Delay { get; } = delay;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.Kind != LineKind.DoneMarker;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        var bytes = line.Bytes.ToArray();
        var cuts = CutsFor(bytes, Pieces);
        context.Record(
            this,
            $"wrote line {context.LinesWritten + 1} in {cuts.Count + 1} pieces, cut at bytes {string.Join(",", cuts)} of {bytes.Length}");

        var start = 0;
        foreach (var cut in cuts)
        {
            if (!await context.WriteRawAsync(bytes.AsMemory(start, cut - start)).ConfigureAwait(false))
            {
                return FaultAction.Stop;
            }

            start = cut;
            await context.DelayAsync(Delay).ConfigureAwait(false);
        }

        return await context.WriteRawAsync(bytes.AsMemory(start)).ConfigureAwait(false)
            ? FaultAction.Replaced
            : FaultAction.Stop;
    }

    /// <summary>
    /// Offsets where the line is cut: one byte into the first JSON string's value, one after the lead byte of the
    /// first multi-byte character, then evenly spaced cuts until there are <paramref name="pieces"/> pieces.
    /// </summary>
    internal static IReadOnlyList<int> CutsFor(ReadOnlySpan<byte> line, int pieces)
    {
        var cuts = new SortedSet<int>();
        var text = TextValueStart(line);
        if (text > 0 && text + 1 < line.Length)
        {
            cuts.Add(text + 1);
        }

        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] >= 0xC0)
            {
                cuts.Add(i + 1);
                break;
            }
        }

        for (var step = 1; cuts.Count < pieces - 1 && step < pieces; step++)
        {
            var cut = (int)((long)line.Length * step / pieces);
            if (cut > 0 && cut < line.Length)
            {
                cuts.Add(cut);
            }
        }

        var length = line.Length;
        return [.. cuts.Where(c => c > 0 && c < length)];
    }

    /// <summary>Index of the first byte inside the text value (content, response…), or of any string value as a fallback.</summary>
    private static int TextValueStart(ReadOnlySpan<byte> line)
    {
        var keys = new[]
        {
            "\"content\":\""u8.ToArray(), "\"response\":\""u8.ToArray(), "\"thinking\":\""u8.ToArray(), "\":\""u8.ToArray(),
        };
        foreach (var key in keys)
        {
            var at = line.IndexOf(key);
            if (at >= 0 && line.Length > at + key.Length + 1 && line[at + key.Length] != (byte)'"')
            {
                return at + key.Length;
            }
        }

        return -1;
    }
}
