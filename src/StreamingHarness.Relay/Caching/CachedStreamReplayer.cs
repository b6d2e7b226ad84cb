using System.Buffers;
using Microsoft.Extensions.Options;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Telemetry;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Sends a cached stream: the same headers as a live one, a fresh <c>start</c> from the request's own format (its
/// request id and time), then the recorded bytes, at once or at the recorded pace (<c>Relay:Cache:Replay</c>).
/// </summary>
internal sealed class CachedStreamReplayer(RelayMetrics metrics, IOptions<RelayOptions> options, TimeProvider time)
{
    private readonly CacheReplayPace _pace = options.Value.Cache.Replay;

    public async Task ReplayAsync(HttpContext context, string model, IStreamFormat format, CachedStream stream)
    {
        var started = time.GetTimestamp();
        var aborted = context.RequestAborted;
        metrics.StreamOpened();
        using var activity = RelayTracing.StartStream(context.Request.Path, model);
        activity?.SetTag("relay.cache", "hit");
        var terminal = "client_disconnected";
        try
        {
            await StreamRelay.StartResponseAsync(context, format, aborted);
            var body = context.Response.BodyWriter;
            format.WriteStart(body);
            if (_pace == CacheReplayPace.FullSpeed)
            {
                body.Write(stream.Body);
                terminal = (await body.FlushAsync(aborted)).IsCompleted ? terminal : "done";
                return;
            }

            var from = 0;
            for (var i = 0; i < stream.EventEnds.Length; i++)
            {
                var wait = TimeSpan.FromMilliseconds(stream.EventTimesMs[i]) - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, aborted);
                }

                body.Write(stream.Body.AsSpan(from, stream.EventEnds[i] - from));
                from = stream.EventEnds[i];
                if ((await body.FlushAsync(aborted)).IsCompleted)
                {
                    return;
                }
            }

            terminal = "done";
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left during the replay; nothing upstream to release.
        }
        finally
        {
            RelayTracing.Terminal(activity, terminal);
            metrics.StreamClosed(terminal);
        }
    }
}
