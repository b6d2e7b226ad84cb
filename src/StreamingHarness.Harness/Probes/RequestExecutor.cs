using System.Net.Sockets;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Runs one request through a probe and turns whatever happens into exactly one <see cref="Outcome"/>: the
/// straight line from send to terminal chunk, with each way of failing classified by the phase it happened in.
/// </summary>
internal sealed class RequestExecutor(HttpClient client, IStreamProbe probe, TimeoutWatchdog watchdog)
{
    private const int ErrorBodyLimit = 512;

    public IStreamProbe Probe => probe;

    /// <summary>
    /// Sends and reads to the end. Throws nothing: cancellation by <paramref name="runToken"/> is <see cref="Outcome.Cancelled"/>.
    /// </summary>
    public async Task<Outcome> ExecuteAsync(string model, RequestTimeline timeline, CancellationToken runToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        using var request = probe.CreateRequest(model);
        if (timeline.TraceParent is { } traceParent)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }

        timeline.OnStart(timeline.Now);
        watchdog.Watch(timeline, cancellation);
        try
        {
            return await SendAndReadAsync(request, timeline, cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            timeline.OnFailed(timeline.Now);
            return Classify(ex, timeline, runToken);
        }
        finally
        {
            watchdog.Forget(timeline);
        }
    }

    private async Task<Outcome> SendAndReadAsync(HttpRequestMessage request, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        timeline.OnHeaders(timeline.Now);
        if (!response.IsSuccessStatusCode)
        {
            var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            timeline.OnFailed(timeline.Now);
            return Outcome.Http((int)response.StatusCode, body);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var read = probe.StampsReads ? stream : new TimingReadStream(stream, timeline);
        var end = await probe.ReadAsync(read, timeline, cancellationToken).ConfigureAwait(false);
        if (end.Error is { } error)
        {
            timeline.OnFailed(timeline.Now);
            return Outcome.InBand(error, end.Code);
        }

        return Outcome.Ok;
    }

    private static Outcome Classify(Exception ex, RequestTimeline timeline, CancellationToken runToken)
    {
        if (timeline.TimedOut != TimeoutPhase.None)
        {
            return Outcome.Timeout(timeline.TimedOut);
        }

        if (ex is OperationCanceledException && runToken.IsCancellationRequested)
        {
            return Outcome.Cancelled;
        }

        return ex switch
        {
            NdjsonFormatException format => Outcome.Protocol(format.Message),
            StreamProtocolException protocol => Outcome.Protocol(protocol.Message),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } connect
                when timeline.Headers == 0 => Outcome.Connect(Flatten(connect)),
            HttpRequestException or HttpIOException or IOException or SocketException => Outcome.Disconnect(
                (timeline.Headers == 0 ? "before the response headers: " : $"after {timeline.Bytes} bytes: ") + Flatten(ex)),
            _ => Outcome.Protocol($"unexpected {ex.GetType().Name}: {ex.Message}"),
        };
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[ErrorBodyLimit];
            var total = 0;
            int read;
            while (total < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return $"({(int)response.StatusCode} {response.ReasonPhrase}; body unreadable: {ex.Message})";
        }
    }

    private static string Flatten(Exception ex)
    {
        var message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " → " + inner.Message;
        }

        return message;
    }
}
