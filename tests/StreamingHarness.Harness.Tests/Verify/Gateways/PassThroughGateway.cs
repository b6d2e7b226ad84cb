using System.Buffers;
using Microsoft.AspNetCore.Http;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Verify.Gateways;

/// <summary>
/// A small Codex- or Claude-style gateway for <c>verify --profile responses|anthropic</c> to judge: <c>POST
/// /v1/responses</c> and <c>/v1/messages</c> go to the upstream with their body and headers, and the answer comes back
/// byte for byte, status and headers first, each upstream read written and flushed at once. What a robust pass-through
/// needs besides: an idle deadline (a silent upstream breaks the client's connection, so the client sees a failure),
/// the upstream request tied to the client's (a client that leaves cancels it), and an upstream that breaks mid-body
/// passed on as a broken connection, never as a clean end. With <see cref="Buffered"/> it is the classic defect: the
/// whole answer read first, then sent at once.
/// </summary>
public sealed class PassThroughGateway : IAsyncDisposable
{
    private const int ReadSize = 16 * 1024;

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "TE", "Trailer", "Upgrade",
    };

    private readonly KestrelStub _app;
    private readonly HttpClient _client;

    private PassThroughGateway(KestrelStub app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    /// <summary>Longest silence of the upstream (before its headers or between reads) before the client's connection is broken.</summary>
    public static TimeSpan IdleTimeout { get; } = TimeSpan.FromSeconds(2);

    public Uri BaseAddress => _app.BaseAddress;

    /// <summary>The defect: the whole upstream answer is read before any of it goes to the client.</summary>
    public bool Buffered { get; private init; }

    public static async Task<PassThroughGateway> StartAsync(Uri upstream, bool buffered = false)
    {
        // The idle deadline bounds every upstream call, so HttpClient's 100 s default must not cut in.
        var client = new HttpClient { BaseAddress = upstream, Timeout = Timeout.InfiniteTimeSpan };
        PassThroughGateway? gateway = null;
        var app = await KestrelStub.StartAsync(context => gateway!.HandleAsync(context));
        gateway = new PassThroughGateway(app, client) { Buffered = buffered };
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        // Upstream connections first: a handler still reading an endless upstream then ends at once.
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path.Value is not ("/v1/responses" or "/v1/messages"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var idle = new CancellationTokenSource(IdleTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, context.RequestAborted);
        try
        {
            using var request = await ToUpstreamAsync(context.Request, linked.Token);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotForwarded.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            await (Buffered
                ? SendWholeAsync(body, context.Response, idle, linked.Token)
                : PumpAsync(body, context.Response, idle, linked.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // A silent, broken or refused upstream, or a client that left: the client's connection breaks, as the
            // upstream's did (a clean end here would pass a cut answer off as whole).
            context.Abort();
        }
    }

    private static async Task<HttpRequestMessage> ToUpstreamAsync(HttpRequest incoming, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await incoming.Body.CopyToAsync(buffer, cancellationToken);
        var request = new HttpRequestMessage(HttpMethod.Post, incoming.Path.Value) { Content = new ByteArrayContent(buffer.ToArray()) };
        foreach (var (name, values) in incoming.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return request;
    }

    private static async Task PumpAsync(
        Stream body, HttpResponse response, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            await response.StartAsync(cancellationToken);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken)) > 0)
            {
                idle.CancelAfter(IdleTimeout);
                await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SendWholeAsync(
        Stream body, HttpResponse response, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        using var whole = new MemoryStream();
        var buffer = new byte[ReadSize];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            idle.CancelAfter(IdleTimeout);
            whole.Write(buffer, 0, read);
        }

        await response.Body.WriteAsync(whole.GetBuffer().AsMemory(0, (int)whole.Length), cancellationToken);
    }
}
