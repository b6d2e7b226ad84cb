using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>after-done</c>: <see cref="Count"/> more lines after the stream's end (after <c>done:true</c>, or after
/// <c>[DONE]</c> on <c>/v1</c>): a second final line or another token line. A robust client stops reading at the
/// first end and ignores the rest; a naive one double-counts usage or appends text after the answer.
/// </summary>
public sealed class AfterDoneFault(AfterDoneExtra extra, int count) : StreamFault
{
    public override string Name => FaultCatalog.AfterDone;

    public AfterDoneExtra Extra { get; } = extra;

    public int Count { get; } = count >= 1 ? count : throw new ArgumentOutOfRangeException(nameof(count), "count must be 1 or more.");

    public override ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wanted = Extra == AfterDoneExtra.Done ? line.Kind == LineKind.Final : line.IsToken;
        if (wanted && context.Framing != StreamFraming.Json)
        {
            context.StateOf<Captured>(this).Line = line.Bytes.ToArray();
        }

        return ValueTask.FromResult(FaultAction.Continue);
    }

    public override async ValueTask AtEndAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.StateOf<Captured>(this).Line is not { } extraLine)
        {
            return;
        }

        context.Record(this, $"wrote {Count} {(Extra == AfterDoneExtra.Done ? "more final" : "more token")} line(s) after the end");
        for (var i = 0; i < Count; i++)
        {
            if (!await context.WriteLineAsync(extraLine).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private sealed class Captured
    {
        public byte[]? Line { get; set; }
    }
}
