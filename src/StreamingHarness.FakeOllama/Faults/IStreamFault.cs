using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// The one hook point of the fake's streaming path. Every response (streamed or not) goes through
/// <c>Pipeline/ResponseStream</c>, which calls each fault of the scenario, in order, at three moments:
/// <list type="number">
/// <item><see cref="OnLoadAsync"/>: once, when the model's load phase starts (after the scheduler slot). A delay here
/// is load time (it shows in <c>load_duration</c>); a fault may also send the headers early here.</item>
/// <item><see cref="BeforeHeadersAsync"/>: once, right before the status line would go out (after queueing, load and
/// prompt-eval delays). A fault can delay (slow time-to-headers) or answer an error instead.</item>
/// <item><see cref="BeforeLineAsync"/>: before every line, with the exact bytes about to be written and the number of
/// tokens already delivered (use it for "after N tokens"). A fault can delay, write other or partial bytes with
/// <see cref="FaultContext.WriteRawAsync"/>, end the stream, or abort the connection.</item>
/// <item><see cref="AtEndAsync"/>: after the final line of a stream that was not ended early.</item>
/// </list>
/// The journal records every byte and line written through the context and how the stream ended.
/// </summary>
public interface IStreamFault
{
    /// <summary>Short name recorded in the journal when this fault ends a stream.</summary>
    string Name { get; }

    ValueTask OnLoadAsync(FaultContext context);

    ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context);

    ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line);

    ValueTask AtEndAsync(FaultContext context);
}
