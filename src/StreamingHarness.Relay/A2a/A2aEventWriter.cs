using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The JSON-RPC answers of one task in the caller's version: v1.0 (<c>result.statusUpdate</c>, <c>TASK_STATE_*</c>)
/// or v0.3 (<c>result.kind: "status-update"</c>, <c>final</c>). Task snapshots and status updates are the Protocol's
/// wire records; an artifact chunk is written around the upstream's still-escaped text, from bytes made once per
/// task, so a token costs no allocation.
/// </summary>
internal sealed class A2aEventWriter : IDisposable
{
    private const string ArtifactId = "answer";
    private const string EventType = "message";
    private readonly SseEventWriter _events = new();
    private readonly A2aRpcRequest _request;
    private readonly A2aTaskRecord _task;
    private readonly TimeProvider _time;
    private readonly byte[] _chunkPrefix;

    public A2aEventWriter(A2aRpcRequest request, A2aTaskRecord task, TimeProvider time)
    {
        _request = request;
        _task = task;
        _time = time;
        _chunkPrefix = ChunkPrefix(request, task);
    }

    private bool Legacy => _request.Legacy;

    public byte[] IdJson => _request.IdJson;

    public void WriteTaskEvent(IBufferWriter<byte> output)
    {
        _events.BeginEvent(output, EventType);
        WriteResult(_events.JsonFor(output), Snapshot());
        SseEventWriter.EndEvent(output);
    }

    public void WriteStatusEvent(IBufferWriter<byte> output, A2aTaskState state, (string Code, string Message)? reason)
    {
        var update = new A2aTaskStatusUpdateEvent
        {
            Kind = Legacy ? A2aWire.KindStatusUpdate : null,
            TaskId = _task.Id,
            ContextId = _task.ContextId,
            Status = Status(state, reason),
            Final = Legacy ? state != A2aTaskState.Working : null,
        };
        _events.BeginEvent(output, EventType);
        var json = _events.JsonFor(output);
        if (Legacy)
        {
            WriteResult(json, update, ProtocolJson.Context.A2aTaskStatusUpdateEvent);
        }
        else
        {
            WriteResult(json, new A2aStreamResponse { StatusUpdate = update }, ProtocolJson.Context.A2aStreamResponse);
        }

        SseEventWriter.EndEvent(output);
    }

    /// <summary>One artifact chunk; <paramref name="escapedText"/> is JSON string content, already escaped.</summary>
    public void WriteArtifactEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> escapedText, bool append, bool lastChunk)
    {
        _events.BeginEvent(output, EventType);
        output.Write(_chunkPrefix);
        output.Write(escapedText);
        output.Write("\"}]}"u8);
        if (append)
        {
            output.Write(",\"append\":true"u8);
        }

        if (lastChunk)
        {
            output.Write(",\"lastChunk\":true"u8);
        }

        output.Write(Legacy ? "}}"u8 : "}}}"u8);
        SseEventWriter.EndEvent(output);
    }

    /// <summary>The task as <c>GetTask</c>, <c>CancelTask</c> and <c>SendMessage</c> return it.</summary>
    public A2aTask Snapshot() => Snapshot(_task, Legacy, _time);

    public static A2aTask Snapshot(A2aTaskRecord task, bool legacy, TimeProvider time) => new()
    {
        Kind = legacy ? A2aWire.KindTask : null,
        Id = task.Id,
        ContextId = task.ContextId,
        Status = Status(task, task.State, task.Reason, legacy, time),
        Artifacts = task.AnswerJson is { } answer
            ? [new A2aArtifact { ArtifactId = ArtifactId, Parts = [TextPart(Decode(answer), legacy)] }]
            : null,
    };

    /// <summary>A JSON-RPC success: <c>{"jsonrpc":"2.0","id":…,"result":…}</c>.</summary>
    public static void WriteResponse<T>(Utf8JsonWriter json, ReadOnlySpan<byte> id, T result, JsonTypeInfo<T> type)
    {
        WriteEnvelope(json, id, "result"u8);
        JsonSerializer.Serialize(json, result, type);
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>
    /// Opens a JSON-RPC answer: <c>{"jsonrpc":"2.0","id":…,"result":</c> (or <c>"error":</c>); the caller writes the member.
    /// </summary>
    public static void WriteEnvelope(Utf8JsonWriter json, ReadOnlySpan<byte> id, ReadOnlySpan<byte> member)
    {
        json.WriteStartObject();
        json.WriteString("jsonrpc"u8, "2.0"u8);
        json.WritePropertyName("id"u8);
        json.WriteRawValue(id, skipInputValidation: true);
        json.WritePropertyName(member);
    }

    public void Dispose() => _events.Dispose();

    private void WriteResult(Utf8JsonWriter json, A2aTask task)
    {
        if (Legacy)
        {
            WriteResult(json, task, ProtocolJson.Context.A2aTask);
        }
        else
        {
            WriteResult(json, new A2aStreamResponse { Task = task }, ProtocolJson.Context.A2aStreamResponse);
        }
    }

    private void WriteResult<T>(Utf8JsonWriter json, T result, JsonTypeInfo<T> type) =>
        WriteResponse(json, _request.IdJson, result, type);

    private A2aTaskStatus Status(A2aTaskState state, (string Code, string Message)? reason) => Status(_task, state, reason, Legacy, _time);

    private static A2aTaskStatus Status(
        A2aTaskRecord task, A2aTaskState state, (string Code, string Message)? reason, bool legacy, TimeProvider time) => new()
    {
        State = A2aTaskStates.Of(state, legacy),
        Timestamp = Timestamp(time),
        Message = reason is { } why
            ? new A2aMessage
            {
                Kind = legacy ? A2aWire.KindMessage : null,
                MessageId = Guid.CreateVersion7().ToString(),
                TaskId = task.Id,
                ContextId = task.ContextId,
                Role = legacy ? A2aWire.LegacyRoleAgent : A2aWire.RoleAgent,
                Parts = [TextPart($"{why.Code}: {why.Message}", legacy)],
                Metadata = new JsonObject { ["code"] = why.Code },
            }
            : null,
    };

    private static byte[] ChunkPrefix(A2aRpcRequest request, A2aTaskRecord task)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            WriteEnvelope(json, request.IdJson, "result"u8);
            json.WriteStartObject();
            if (!request.Legacy)
            {
                json.WritePropertyName("artifactUpdate"u8);
                json.WriteStartObject();
            }
            else
            {
                json.WriteString("kind"u8, A2aWire.KindArtifactUpdate);
            }

            json.WriteString("taskId"u8, task.Id);
            json.WriteString("contextId"u8, task.ContextId);
            json.WritePropertyName("artifact"u8);
            json.WriteStartObject();
            json.WriteString("artifactId"u8, ArtifactId);
            json.WritePropertyName("parts"u8);
            json.WriteStartArray();
            json.WriteStartObject();
            if (request.Legacy)
            {
                json.WriteString("kind"u8, A2aWire.KindText);
            }

            json.WritePropertyName("text"u8);
        }

        // The writer stops after "text": the chunk's escaped text and its closing quote follow it.
        return [.. buffer.WrittenSpan, (byte)'"'];
    }

    private static A2aPart TextPart(string text, bool legacy) => new() { Kind = legacy ? A2aWire.KindText : null, Text = text };

    private static string Decode(byte[] escaped)
    {
        var quoted = new byte[escaped.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        escaped.CopyTo(quoted, 1);
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as the SDK writes <c>timestamp</c>.</summary>
    private static string Timestamp(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
