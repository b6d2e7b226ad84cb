using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// A minimal upstream on a real loopback socket that answers each request with the next scripted reply, for the
/// retry rules, where the test needs an exact sequence of statuses. Everything else runs against the fake Ollama.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();

    private ScriptedUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Each request's path and body, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

    public static async Task<ScriptedUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var upstream = new ScriptedUpstream(builder.Build());
        upstream._app.Run(upstream.AnswerAsync);
        await upstream._app.StartAsync();
        upstream.BaseAddress = new Uri(upstream._app.Urls.First());
        return upstream;
    }

    public ScriptedUpstream Then(Func<HttpContext, Task> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public ScriptedUpstream ThenStatus(int status, string error, string? retryAfter = null) => Then(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync($$"""{"error":"{{error}}"}""");
    });

    /// <summary>An ndjson body written line by line, ending cleanly.</summary>
    public ScriptedUpstream ThenLines(params string[] lines) => ThenLines(abortAfter: null, lines);

    /// <summary>
    /// An ndjson body written line by line; with <paramref name="abortAfter"/>, a connection reset once that task completes.
    /// </summary>
    public ScriptedUpstream ThenLines(Task? abortAfter, params string[] lines) => Then(async context =>
    {
        context.Response.ContentType = "application/x-ndjson";
        foreach (var line in lines)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line));
            await context.Response.Body.FlushAsync();
        }

        if (abortAfter is not null)
        {
            await abortAfter.WaitAsync(TimeSpan.FromSeconds(30));
            context.Abort();
        }
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Requests.Enqueue((context.Request.Path, await reader.ReadToEndAsync()));
        if (!_replies.TryDequeue(out var reply))
        {
            context.Response.StatusCode = StatusCodes.Status418ImATeapot;
            return;
        }

        await reply(context);
    }
}
