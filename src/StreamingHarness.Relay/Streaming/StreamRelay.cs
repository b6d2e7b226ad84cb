using System.Diagnostics;
using Microsoft.Extensions.Options;
using StreamingHarness.Client;
using StreamingHarness.Client.OpenAi;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Runs one stream end to end: upstream phase (connect, headers, first token; retries allowed), stream phase
/// (idle and total deadlines; no retries), then exactly one terminal outcome: a <c>done</c>, an in-stream error,
/// or, while no header has gone out yet, a real HTTP status. The upstream response is released as soon as the
/// upstream part ends, before waiting for a slow client to drain.
/// </summary>
internal sealed class StreamRelay(
    OllamaUpstreamClient upstream,
    IOptions<RelayOptions> options,
    RelayMetrics metrics,
    TimeProvider time,
    DrainCoordinator drain,
    ILogger<StreamRelay> logger)
{
    private readonly RelayOptions _options = options.Value;
    private readonly RelayLoopSettings _settings = RelayLoopSettings.From(options.Value);

    /// <summary>
    /// Relays one stream. <paramref name="cancel"/> stops the upstream request while the client stays connected (A2A's
    /// <c>CancelTask</c>): the stream then ends with a <see cref="RelayErrorCodes.Canceled"/> failure, which the format
    /// writes as its terminal event.
    /// </summary>
    public async Task RelayAsync(HttpContext context, UpstreamRequest request, IStreamFormat format, CancellationToken cancel = default)
    {
        metrics.StreamOpened();
        drain.StreamStarted();
        using var activity = RelayTracing.StartStream(context.Request.Path, request.Model);
        var terminal = "client_disconnected";
        var timing = new StreamTiming(time);
        // The client leaving, the caller's cancel (A2A) and the end of a shutdown's drain all stop the upstream request.
        using var stop = cancel.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, cancel, drain.Expired)
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, drain.Expired);
        using var deadlines = new StreamDeadlines(_options.Upstream, time, stop.Token);
        await using var output = new ClientOutput(
            context.Response.BodyWriter, ct => StartResponseAsync(context, format, ct), context.Abort, _options.Streaming, time,
            context.RequestAborted);
        try
        {
            var heartbeat = format.SupportsHeartbeat && _options.Streaming.HeartbeatInterval > TimeSpan.Zero;
            if (heartbeat || format.CommitsAtOnce)
            {
                format.WriteStart(output.Writer);
                await output.StartAsync(heartbeat: true);
                output.Publish();
            }

            var outcome = await RunUpstreamAsync(context, request, format, output, deadlines, timing, activity);
            if (outcome == StreamOutcome.ClientGone && !context.RequestAborted.IsCancellationRequested)
            {
                // Stopped on purpose while the client still listens: it gets the reason as its terminal event.
                outcome = drain.Expired.IsCancellationRequested ? StreamOutcome.Failed(RelayFailure.ShuttingDown())
                    : cancel.IsCancellationRequested ? StreamOutcome.Failed(RelayFailure.Canceled())
                    : outcome;
            }

            terminal = await FinishAsync(context, format, output, outcome, timing);
        }
        finally
        {
            RelayTracing.Terminal(activity, terminal);
            metrics.StreamClosed(terminal);
            drain.StreamEnded();
        }
    }

    internal static Task StartResponseAsync(HttpContext context, IStreamFormat format, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        return response.StartAsync(cancellationToken);
    }

    private async Task<StreamOutcome> RunUpstreamAsync(
        HttpContext context,
        UpstreamRequest request,
        IStreamFormat format,
        ClientOutput output,
        StreamDeadlines deadlines,
        StreamTiming timing,
        Activity? activity)
    {
        if (request.For(upstream.Protocol, out var problem) is not { } sent)
        {
            return StreamOutcome.Failed(RelayFailure.InvalidRequest(problem!));
        }

        HttpResponseMessage response;
        try
        {
            response = await upstream.SendAsync(HttpMethod.Post, sent.Path, sent.Body, deadlines);
        }
        catch (OperationCanceledException)
        {
            return StreamOutcome.ClientGone;
        }
        catch (OllamaStreamException ex)
        {
            return StreamOutcome.Failed(RelayFailure.From(ex));
        }

        using (response)
        {
            var verbatim = format is NdjsonPassThroughFormat && !output.Started && upstream.Protocol == UpstreamProtocol.Ollama
                && (!response.IsSuccessStatusCode || !UpstreamResponseCopier.IsNdjson(response));
            try
            {
                if (verbatim)
                {
                    // A drop-in proxy passes Ollama's own answers through: its error bodies, its stream:false JSON.
                    await UpstreamResponseCopier.CopyAsync(response, context.Response, deadlines.Token);
                    return StreamOutcome.Copied;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return StreamOutcome.Failed(RelayFailure.From(await upstream.Transport.ReadFailureAsync(response, deadlines.Token)));
                }

                var settings = upstream.Settings;
                await using var chunks = upstream.Protocol == UpstreamProtocol.OpenAi
                    ? await OpenAiChunkSource.OpenAsync(response, deadlines.Core, settings.MaxLineBytes, settings.SkipMalformedLines)
                    : (IOllamaChunkSource)await OllamaChunkReader.OpenAsync(
                        response, request.Endpoint, deadlines.Core, settings.MaxLineBytes, settings.SkipMalformedLines);
                return await new RelayLoop(chunks, format, output, deadlines, timing, metrics, _settings, time, activity).RunAsync();
            }
            catch (OperationCanceledException) when (deadlines.Token.IsCancellationRequested)
            {
                return deadlines.Classify() is { } failure ? StreamOutcome.Failed(failure) : StreamOutcome.ClientGone;
            }
            catch (OllamaStreamException ex)
            {
                return StreamOutcome.Failed(RelayFailure.From(ex));
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                return StreamOutcome.Failed(RelayFailure.From(OllamaFailures.ConnectionBroke(ex, 0)));
            }
        }
    }

    private async Task<string> FinishAsync(
        HttpContext context, IStreamFormat format, ClientOutput output, StreamOutcome outcome, StreamTiming timing)
    {
        if (outcome.WasCopied)
        {
            return context.Response.StatusCode < 400 ? "done" : "upstream_error";
        }

        if (outcome.Done is null && outcome.Failure is null)
        {
            output.Abort();
            return "client_disconnected";
        }

        if (outcome.Failure is { } failure)
        {
            logger.LogWarning(
                "Stream {RequestPath} (request {RequestId}) failed: {Code}: {Message}",
                context.Request.Path, RequestId.For(context), failure.Code, failure.Detail ?? failure.Message);
            if (!output.Started)
            {
                if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
                {
                    // A verbatim copy broke half-way, or nobody is listening: no status can be sent any more.
                    context.Abort();
                    return failure.Code;
                }

                await format.WriteRejectionAsync(context, failure);
                return failure.Code;
            }
        }

        if (!output.Started)
        {
            // A done with nothing before it, or an answer held to the end (stream:false): its headers go out now.
            await output.StartAsync(heartbeat: false);
        }

        await EndStreamAsync(format, output, outcome, timing);
        return outcome.Failure?.Code ?? "done";
    }

    /// <summary>Writes the one terminal event of a started stream and lets the client drain; drops a client that stopped reading.</summary>
    internal static async Task EndStreamAsync(IStreamFormat format, ClientOutput output, StreamOutcome outcome, StreamTiming timing)
    {
        if (outcome.Failure is { } failure)
        {
            format.WriteError(output.Writer, failure);
        }
        else
        {
            format.WriteDone(output.Writer, outcome.Done!, timing);
        }

        output.Publish();
        if (!await output.CompleteAsync())
        {
            output.Abort();
        }
    }
}
