using System.Text.Json;
using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The agent's JSON-RPC methods, under their v1.0 and v0.3 names. A message becomes an Ollama chat request relayed by
/// the relay's <see cref="StreamRelay"/> (its timeouts, retries before the first token, one terminal outcome), with
/// the task's cancel signal, so <c>CancelTask</c> and a client leaving both stop the upstream request.
/// </summary>
internal sealed class A2aDispatcher(StreamRelay relay, A2aTaskStore tasks, IOptions<RelayOptions> options, TimeProvider time)
{
    private readonly A2aOptions _options = options.Value.A2A;

    public Task DispatchAsync(HttpContext context, A2aRpcRequest request) => request.Method switch
    {
        A2aWire.SendStreamingMessage or A2aWire.LegacySendStreamingMessage => SendAsync(context, request, streaming: true),
        A2aWire.SendMessage or A2aWire.LegacySendMessage => SendAsync(context, request, streaming: false),
        A2aWire.GetTask or A2aWire.LegacyGetTask => A2aRpcResponder.WriteTaskAsync(context, request, Find(request), time),
        A2aWire.CancelTask or A2aWire.LegacyCancelTask => CancelAsync(context, request),
        _ => throw new A2aRpcException(A2aErrorCodes.MethodNotFound, $"Method not found: '{request.Method}'", request.IdJson),
    };

    private async Task SendAsync(HttpContext context, A2aRpcRequest request, bool streaming)
    {
        var (prompt, model, contextId) = A2aParams.Message(request);
        model ??= _options.Model;
        using var task = tasks.Create(contextId);
        var upstream = new UpstreamRequest(OllamaEndpoint.Chat, model, ChatBody(model, prompt));
        if (streaming)
        {
            using var events = new A2aEventWriter(request, task, time);
            await relay.RelayAsync(context, upstream, new A2aSseFormat(events, task), task.Canceled);
        }
        else
        {
            await relay.RelayAsync(context, upstream, new A2aJsonFormat(request, task, time), task.Canceled);
        }

        // Nothing said how it ended: the client left first. The upstream request has been stopped with it.
        task.Finish(A2aTaskState.Canceled, (RelayErrorCodes.Canceled, "the client left before the task ended"));
    }

    private async Task CancelAsync(HttpContext context, A2aRpcRequest request)
    {
        var task = Find(request);
        if (!task.Cancel("canceled by CancelTask"))
        {
            throw new A2aRpcException(
                A2aErrorCodes.TaskNotCancelable,
                $"Task not cancelable: task '{task.Id}' is already {A2aTaskStates.Of(task.State, request.Legacy)}",
                request.IdJson);
        }

        await A2aRpcResponder.WriteTaskAsync(context, request, task, time);
    }

    private A2aTaskRecord Find(A2aRpcRequest request)
    {
        var id = A2aParams.TaskId(request);
        return tasks.Find(id) ?? throw new A2aRpcException(A2aErrorCodes.TaskNotFound, $"Task not found: '{id}'", request.IdJson);
    }

    private static byte[] ChatBody(string model, string prompt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", prompt);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteBoolean("stream", true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
