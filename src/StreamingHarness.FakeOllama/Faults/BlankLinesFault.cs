using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>blank-lines</c>: line noise that real Ollama never sends but proxies and other servers do: <see cref="BlankLines"/>
/// empty lines and a whitespace-only line before the line, and the line itself ended with CRLF. ollama-python and
/// OllamaSharp crash on the empty line (ollama-python PR #393); a robust reader skips it and tolerates the CR.
/// </summary>
public sealed class BlankLinesFault(int blankLines, bool whitespaceLine, bool crlf, FaultTrigger trigger) : LineFault(trigger)
{
    private static readonly byte[] Whitespace = " \t \n"u8.ToArray();

    public override string Name => FaultCatalog.BlankLines;

    public int BlankLines { get; } = blankLines >= 0 ? blankLines
        : throw new ArgumentOutOfRangeException(nameof(blankLines), "blank_lines must be 0 or more.");

    public bool WhitespaceLine { get; } = whitespaceLine;

    public bool Crlf { get; } = crlf;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => line.Kind != LineKind.DoneMarker;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        var noise = new List<byte>();
        for (var i = 0; i < BlankLines; i++)
        {
            noise.AddRange(Crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
        }

        if (WhitespaceLine)
        {
            noise.AddRange(Whitespace);
        }

        context.Record(
            this,
            $"{BlankLines} blank line(s){(WhitespaceLine ? ", a whitespace line" : "")} before "
            + $"line {context.LinesWritten + 1}{(Crlf ? ", ended with CRLF" : "")}");
        if (noise.Count > 0 && !await context.WriteRawAsync(noise.ToArray()).ConfigureAwait(false))
        {
            return FaultAction.Stop;
        }

        if (!Crlf)
        {
            return FaultAction.Continue;
        }

        var json = FramedLine.Json(context.Framing, line.Bytes);
        if (json.IsEmpty)
        {
            return FaultAction.Continue;
        }

        return await context.WriteRawAsync(FramedLine.Frame(context.Framing, json.Span, crlf: true, line.Bytes)).ConfigureAwait(false)
            ? FaultAction.Replaced
            : FaultAction.Stop;
    }
}
