using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// A deliberately simple Ollama pass-through proxy for <c>verify</c> to judge (profile <c>ollama</c>; not the
/// reference relay). <c>POST /api/chat</c> forwards the body to the upstream and its ndjson lines back as they come.
/// An upstream that refuses the request is answered with its own status and body; a failure after the first line
/// becomes Ollama's in-band <c>{"error":"..."}</c> line, the shape Ollama's clients already understand.
/// <para>Verify cases each defect should fail (see <see cref="NaiveDefects"/>): <c>SplitEachRead</c> → trickle
/// (the pieces of a cut line are forwarded as lines of their own); <c>IgnoreInBandErrors</c> → error-midstream,
/// legacy-error (a made-up <c>done:true</c> line instead of the error); <c>CompleteWithoutDone</c> → early-eof
/// (the same made-up done line); <c>NoIdleTimeout</c> → stall; <c>NoUpstreamCancel</c> → client-disconnect.
/// With <see cref="NaiveDefects.None"/> every case passes.</para>
/// </summary>
public sealed class NaiveOllamaProxy : IAsyncDisposable
{
    private readonly NaiveRelayHost _host;

    private NaiveOllamaProxy(NaiveRelayHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;

    public static async Task<NaiveOllamaProxy> StartAsync(Uri upstream, NaiveRelayOptions? options = null)
    {
        options ??= new NaiveRelayOptions();
        return new NaiveOllamaProxy(
            await NaiveRelayHost.StartAsync(
            "/api/chat", (context, client) => ProxyAsync(context, new NaiveUpstream(client, upstream, options))));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task ProxyAsync(HttpContext context, NaiveUpstream upstream)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var aborted = context.RequestAborted;
        try
        {
            var end = await upstream.StreamAsync(
                body, (line, token) => new ValueTask(WriteLineAsync(context.Response, line.Raw, token)), aborted);
            if (end.IsClientGone)
            {
                return;
            }

            if (!context.Response.HasStarted && end.Status != 200)
            {
                context.Response.StatusCode = end.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(end.Error!, aborted);
                return;
            }

            if (end.Completed && !end.UpstreamDone)
            {
                await WriteLineAsync(context.Response, MadeUpDoneLine(body), aborted);
            }
            else if (!end.Completed)
            {
                await WriteLineAsync(
                    context.Response, Encoding.UTF8.GetBytes($$"""{"error":"{{JsonEncodedText.Encode(end.Error!)}}"}"""), aborted);
            }
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client left: nobody to tell.
        }
    }

    private static async Task WriteLineAsync(HttpResponse response, ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            response.ContentType = "application/x-ndjson";
        }

        await response.Body.WriteAsync(line, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>What a defective proxy sends when it decides on its own that the answer is complete.</summary>
    private static byte[] MadeUpDoneLine(byte[] requestBody)
    {
        using var request = JsonDocument.Parse(requestBody);
        var model = request.RootElement.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
        var createdAt = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffffffZ}";
        return Encoding.UTF8.GetBytes(
            $$"""{"model":"{{JsonEncodedText.Encode(model)}}","created_at":"{{createdAt}}","message":"""
            + """{"role":"assistant","content":""},"done":true,"done_reason":"stop"}""");
    }
}
