using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>early-eof</c>: the body ends cleanly (chunked terminator) with no <c>done:true</c> line, as after Ollama's
/// repeat guard or a runner crash it recovered from. Without <c>after_tokens</c> it fires at the final line, so every
/// token arrives and only the ending is missing. On <c>/v1</c> the finish chunk and <c>[DONE]</c> are missing.
/// Go, python and OllamaSharp's ChatAsync report success; only a client that requires the done line notices.
/// </summary>
public sealed class EarlyEofFault(FaultTrigger trigger) : LineFault(trigger)
{
    public override string Name => FaultCatalog.EarlyEof;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) =>
        Trigger.AfterTokens is not null || line.Kind is LineKind.Final or LineKind.Usage or LineKind.DoneMarker;

    protected override ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        context.Record(
            this, $"ended the body cleanly before the {line.Kind.ToString().ToLowerInvariant()} line, after {line.TokensBefore} tokens");
        context.EndStream($"clean end without done after {line.TokensBefore} tokens");
        return ValueTask.FromResult(FaultAction.Stop);
    }
}
