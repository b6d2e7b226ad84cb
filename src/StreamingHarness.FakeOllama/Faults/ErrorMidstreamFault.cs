using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>error-midstream</c>: after the trigger, Ollama's in-band error (see <see cref="InBandError"/>): the line
/// <c>{"error":"…"}</c> then a clean close on the native API; on <c>/v1</c> chat and completions the OpenAI layer's
/// silent truncation (an empty chunk, then a close with no finish chunk and no <c>[DONE]</c>); on Responses and
/// Messages a clean close with nothing more (no <c>response.failed</c>, no <c>error</c> event). Status stays 200.
/// </summary>
public sealed class ErrorMidstreamFault(string message, FaultTrigger trigger) : LineFault(trigger)
{
    /// <summary>The runner-crash message real users report.</summary>
    public const string RunnerStopped =
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for "
            + "details";

    public override string Name => FaultCatalog.ErrorMidstream;

    public string Message { get; } = message;

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        context.Record(this, InBandError.Describe(context, Message, line.TokensBefore));
        await InBandError.WriteAsync(context, Message, line.Bytes).ConfigureAwait(false);
        context.EndStream($"in-band error after {line.TokensBefore} tokens");
        return FaultAction.Stop;
    }
}
