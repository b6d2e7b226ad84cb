using System.Buffers;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// <c>SendStreamingMessage</c> on the relay's streaming core: the task (<c>submitted</c>) and <c>working</c> go out at
/// once, so the client has the task id to cancel with; each upstream token is an appended artifact chunk; the end is an
/// empty chunk marked <c>lastChunk</c> and <c>completed</c>, or a <c>failed</c> (<c>canceled</c>) status whose message
/// carries the SSE API's error code. A timeout is such a failure: its status event is written before the stream closes.
/// </summary>
internal sealed class A2aSseFormat(A2aEventWriter events, A2aTaskRecord task) : IStreamFormat
{
    private long _chunks;

    public string ContentType => "text/event-stream";

    public bool SupportsHeartbeat => true;

    public bool CommitsAtOnce => true;

    public bool HasPending => false;

    public void WriteStart(IBufferWriter<byte> output)
    {
        events.WriteTaskEvent(output);
        task.MarkWorking();
        events.WriteStatusEvent(output, A2aTaskState.Working, reason: null);
    }

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (chunk.HasContent)
        {
            events.WriteArtifactEvent(output, chunk.ContentRaw, append: _chunks++ > 0, lastChunk: false);
        }
    }

    public void FlushPending(IBufferWriter<byte> output)
    {
    }

    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        var state = task.Finish(A2aTaskState.Completed);
        if (state == A2aTaskState.Completed)
        {
            events.WriteArtifactEvent(output, [], append: _chunks > 0, lastChunk: true);
        }

        events.WriteStatusEvent(output, state, task.Reason);
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        var state = task.Finish(StateOf(failure), (failure.Code, failure.Message));
        events.WriteStatusEvent(output, state, task.Reason);
    }

    /// <summary>Only reached when the headers could not be committed at once; the client gets a JSON-RPC error then.</summary>
    public Task WriteRejectionAsync(HttpContext context, RelayFailure failure)
    {
        task.Finish(StateOf(failure), (failure.Code, failure.Message));
        return A2aRpcResponder.WriteErrorAsync(
            context, new A2aRpcException(A2aErrorCodes.InternalError, $"{failure.Code}: {failure.Message}", events.IdJson));
    }

    public static A2aTaskState StateOf(RelayFailure failure) =>
        failure.Code == RelayErrorCodes.Canceled ? A2aTaskState.Canceled : A2aTaskState.Failed;
}
