using System.Text;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>malformed-line</c>: a line that is not valid JSON, inserted before the line at the trigger (or replacing it).
/// By default it is the real line with its closing brace cut off, the way a corrupting proxy damages lines; a custom
/// <see cref="Text"/> is written as given, framed like the stream's other lines.
/// </summary>
public sealed class MalformedLineFault(string? text, bool replace, FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.MalformedLine;

    public string? Text { get; } = text;

    public bool Replace { get; } = replace;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.Kind != LineKind.DoneMarker;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        byte[] json;
        if (Text is not null)
        {
            json = Encoding.UTF8.GetBytes(Text);
        }
        else
        {
            var real = FramedLine.Json(context.Framing, line.Bytes);
            json = real.Length > 1 ? real[..^1].ToArray() : "{"u8.ToArray();
        }

        var bad = FramedLine.Frame(context.Framing, json, sample: line.Bytes);
        context.Record(
            this, $"{(Replace ? "replaced" : "inserted before")} token {line.TokensBefore} an invalid line of {bad.Length} bytes");
        // A replacement is counted as the line it stands for; an insertion is one more line.
        var written = Replace ? await context.WriteRawAsync(bad).ConfigureAwait(false)
            : await context.WriteLineAsync(bad).ConfigureAwait(false);
        if (!written)
        {
            return FaultAction.Stop;
        }

        return Replace ? FaultAction.Replaced : FaultAction.Continue;
    }
}
