using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// A2A's JSON-RPC <c>SendStreamingMessage</c> over SSE, as <c>@a2a-js/sdk</c> 1.3.0 speaks it (v1.0, or the legacy
/// <c>message/stream</c> of v0.3 when asked). The prompt is the message's text; <c>metadata.model</c> names the
/// model. Each artifact update with text is a token (TTFT is the first); a <c>completed</c> status (or a direct
/// message) ends the stream cleanly; <c>failed</c>, <c>canceled</c>, <c>rejected</c>, an interrupted task and a
/// JSON-RPC <c>error</c> (an SSE <c>error</c> event, or a plain JSON answer before the stream) end it as failed.
/// No final status, an event after it, bad JSON or an unknown result are protocol errors. Reads both shapes.
/// </summary>
internal sealed class A2aSseProbe : IStreamProbe
{
    private const int JsonAnswerLimit = 64 * 1024;
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true);
    private readonly RequestFactory _requests;
    private readonly string _version;

    public A2aSseProbe(ProbeRequestOptions options, string path = "", string protocolVersion = A2aWire.Version)
    {
        if (protocolVersion is not (A2aWire.Version or A2aWire.LegacyVersion))
        {
            throw new ArgumentException(
                $"A2A protocol version '{protocolVersion}' is not one of {A2aWire.Version}, {A2aWire.LegacyVersion}",
                nameof(protocolVersion));
        }

        _version = protocolVersion;
        _requests = new RequestFactory(options, path, model => Serialize(model, options.Prompt, protocolVersion == A2aWire.LegacyVersion));
        Description = $"A2A {protocolVersion} JSON-RPC SSE {_requests.Uri.AbsolutePath}";
    }

    public string Description { get; }

    public HttpRequestMessage CreateRequest(string model)
    {
        var request = _requests.Create(model);
        request.Headers.Accept.Add(EventStream);
        request.Headers.TryAddWithoutValidation(A2aWire.VersionHeader, _version);
        return request;
    }

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body, ReaderOptions);
        try
        {
            var first = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var startsWithJson = !first.Buffer.IsEmpty && first.Buffer.FirstSpan[0] == (byte)'{';
            pipe.AdvanceTo(first.Buffer.Start);
            return startsWithJson
                ? await ReadJsonAnswerAsync(pipe, cancellationToken).ConfigureAwait(false)
                : await ReadEventsAsync(pipe.AsStream(leaveOpen: true), timeline, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new StreamProtocolException("an A2A event is not valid JSON-RPC: " + ex.Message, ex);
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask<StreamEnd> ReadEventsAsync(Stream stream, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var texts = timeline.Texts;
        var parser = SseParser.Create(stream, (_, data) => A2aEventScanner.Scan(data, texts));
        var ended = false;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = timeline.Now;
            var ev = item.Data;
            if (ended)
            {
                throw new StreamProtocolException($"an event ({ev.Kind}) after the final status");
            }

            switch (ev.Kind)
            {
                case A2aEventKind.Error:
                    return Failed(ev);
                case A2aEventKind.ArtifactUpdate:
                    timeline.OnChunk(now, ev.TextParts > 0);
                    break;
                case A2aEventKind.Message:
                    timeline.OnChunk(now, ev.TextParts > 0);
                    timeline.OnTerminal(now, null);
                    ended = true;
                    break;
                case A2aEventKind.Task or A2aEventKind.StatusUpdate when ev.EndsStream:
                    if (ev.State != A2aTaskState.Completed)
                    {
                        return ev.State is A2aTaskState.Working or A2aTaskState.Submitted or A2aTaskState.Unknown or A2aTaskState.None
                            ? throw new StreamProtocolException($"a final status in the non-final state {Label(ev.State)}")
                            : StreamEnd.Failed(ev.Message ?? "the task ended " + Label(ev.State), Label(ev.State));
                    }

                    timeline.OnTerminal(now, null);
                    ended = true;
                    break;
                case A2aEventKind.Unknown:
                    throw new StreamProtocolException("an SSE event whose result is no task, message, status or artifact update");
            }
        }

        return ended ? StreamEnd.Done : throw new StreamProtocolException("the SSE stream ended without a final task status");
    }

    /// <summary>The SDK answers an error found before the stream starts as plain JSON (HTTP 200), not as SSE.</summary>
    private static async ValueTask<StreamEnd> ReadJsonAnswerAsync(PipeReader pipe, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.Buffer.Length > JsonAnswerLimit)
            {
                throw new StreamProtocolException($"a JSON answer instead of an SSE stream, longer than {JsonAnswerLimit} bytes");
            }

            if (read.IsCompleted)
            {
                var ev = A2aEventScanner.Scan(read.Buffer.ToArray());
                pipe.AdvanceTo(read.Buffer.End);
                return ev.Kind == A2aEventKind.Error
                    ? Failed(ev)
                    : throw new StreamProtocolException($"a JSON {ev.Kind} answer instead of an SSE stream");
            }

            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static StreamEnd Failed(A2aStreamEvent ev) =>
        StreamEnd.Failed(
            $"JSON-RPC error {ev.ErrorCode}: {ev.Message ?? "(no message)"}",
            ev.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Label(A2aTaskState state) => state switch
    {
        A2aTaskState.InputRequired => "input-required",
        A2aTaskState.AuthRequired => "auth-required",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static byte[] Serialize(string model, string prompt, bool legacy)
    {
        // One message id per model body: the bodies are built once and reused, so the load loop spends nothing on JSON.
        var request = new A2aJsonRpcRequest
        {
            Method = legacy ? A2aWire.LegacySendStreamingMessage : A2aWire.SendStreamingMessage,
            Id = 1,
            Params = new A2aSendMessageParams
            {
                Message = new A2aMessage
                {
                    Kind = legacy ? A2aWire.KindMessage : null,
                    MessageId = Guid.NewGuid().ToString(),
                    Role = legacy ? A2aWire.LegacyRoleUser : A2aWire.RoleUser,
                    Parts = [new A2aPart { Kind = legacy ? A2aWire.KindText : null, Text = prompt }],
                },
                Metadata = new JsonObject { ["model"] = model },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.A2aJsonRpcRequest);
    }
}
