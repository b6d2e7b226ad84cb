using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// A deliberately simple SSE relay, as a team would write it in an afternoon, for <c>verify</c> to judge (not the
/// reference relay). <c>POST /stream</c> with <c>{"model","prompt"}</c> calls the upstream's <c>/api/chat</c> and
/// answers with the events <c>start</c>, <c>content</c> (<c>{"content":"..."}</c>), then <c>complete</c> or
/// <c>error</c> (<c>{"message":"..."}</c>), then <c>end</c>: the custom profile <c>naive-sse-relay.yaml</c> next to it.
/// An upstream that refuses the request is an <c>error</c> event too (status 200).
/// <para>Verify cases each defect should fail (see <see cref="NaiveDefects"/>): <c>SplitEachRead</c> → trickle;
/// <c>IgnoreInBandErrors</c> → error-midstream, legacy-error; <c>CompleteWithoutDone</c> → early-eof;
/// <c>NoIdleTimeout</c> → stall; <c>NoUpstreamCancel</c> → client-disconnect. With <see cref="NaiveDefects.None"/>
/// every case passes: bad lines (malformed-line, wrong-types, bad-utf8, huge-line) end in an error event.</para>
/// </summary>
public sealed class NaiveSseRelay : IAsyncDisposable
{
    private readonly NaiveRelayHost _host;

    private NaiveSseRelay(NaiveRelayHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;

    public static async Task<NaiveSseRelay> StartAsync(Uri upstream, NaiveRelayOptions? options = null)
    {
        options ??= new NaiveRelayOptions();
        return new NaiveSseRelay(
            await NaiveRelayHost.StartAsync(
            "/stream", (context, client) => StreamAsync(context, new NaiveUpstream(client, upstream, options))));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task StreamAsync(HttpContext context, NaiveUpstream upstream)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var model = request.RootElement.GetProperty("model").GetString()!;
        var prompt = request.RootElement.GetProperty("prompt").GetString()!;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ChatRequest { Model = model, Messages = [new ChatMessage { Role = "user", Content = prompt }], Stream = true },
            ProtocolJson.Context.ChatRequest);
        var aborted = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            await WriteAsync(context.Response, "start", $$"""{"model":"{{JsonEncodedText.Encode(model)}}"}""", aborted);
            var end = await upstream.StreamAsync(
                body,
                (line, token) => string.IsNullOrEmpty(line.Content)
                    ? ValueTask.CompletedTask
                    : new ValueTask(
                        WriteAsync(context.Response, "content", $$"""{"content":"{{JsonEncodedText.Encode(line.Content)}}"}""", token)),
                aborted);
            if (end.IsClientGone)
            {
                return;
            }

            var error = end.Status == 200 ? end.Error : $"the upstream answered {end.Status}: {end.Error}";
            await (end.Completed
                ? WriteAsync(context.Response, "complete", "{}", aborted)
                : WriteAsync(context.Response, "error", $$"""{"message":"{{JsonEncodedText.Encode(error!)}}"}""", aborted));
            await WriteAsync(context.Response, "end", "{}", aborted);
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client left: nobody to tell.
        }
    }

    /// <summary>One SSE frame, flushed: hand-written because the frame is one line of text and the relay is meant to be small.</summary>
    private static async Task WriteAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: {data}\n\n"), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
