using System.Buffers;
using System.Text.Json;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// <c>SendMessage</c> on the same streaming core: the answer is collected (as the upstream's escaped bytes) and the
/// finished task, <c>completed</c> with its artifact or <c>failed</c> with the reason, is one JSON-RPC result.
/// </summary>
internal sealed class A2aJsonFormat(A2aRpcRequest request, A2aTaskRecord task, TimeProvider time) : IStreamFormat
{
    private readonly ArrayBufferWriter<byte> _answer = new();

    public string ContentType => "application/json";

    public bool SupportsHeartbeat => false;

    public bool HasPending => false;

    public void WriteStart(IBufferWriter<byte> output) => task.MarkWorking();

    public void WriteChunk(IBufferWriter<byte> output, in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        if (chunk.HasContent)
        {
            _answer.Write(chunk.ContentRaw);
        }
    }

    public void FlushPending(IBufferWriter<byte> output)
    {
    }

    public void WriteDone(IBufferWriter<byte> output, DoneSummary done, StreamTiming timing)
    {
        task.AnswerJson = _answer.WrittenSpan.ToArray();
        task.Finish(A2aTaskState.Completed);
        WriteResult(output);
    }

    public void WriteError(IBufferWriter<byte> output, RelayFailure failure)
    {
        task.Finish(A2aSseFormat.StateOf(failure), (failure.Code, failure.Message));
        WriteResult(output);
    }

    /// <summary>A failure before any token is still a task result (HTTP 200), as the SDK's agents answer.</summary>
    public async Task WriteRejectionAsync(HttpContext context, RelayFailure failure)
    {
        task.Finish(A2aSseFormat.StateOf(failure), (failure.Code, failure.Message));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        WriteResult(context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>v1.0 answers <c>{"task":{…}}</c>; v0.3 the task itself, tagged <c>kind: "task"</c>.</summary>
    public static void WriteTaskResult(IBufferWriter<byte> output, A2aRpcRequest request, A2aTask snapshot, bool wrap)
    {
        using var json = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        if (wrap && !request.Legacy)
        {
            var result = new A2aStreamResponse { Task = snapshot };
            A2aEventWriter.WriteResponse(json, request.IdJson, result, ProtocolJson.Context.A2aStreamResponse);
        }
        else
        {
            A2aEventWriter.WriteResponse(json, request.IdJson, snapshot, ProtocolJson.Context.A2aTask);
        }
    }

    private void WriteResult(IBufferWriter<byte> output) =>
        WriteTaskResult(output, request, A2aEventWriter.Snapshot(task, request.Legacy, time), wrap: true);
}
