using System.Buffers;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Record mode: every request to the emulated API goes to the upstream, and its answer comes back to the client as it
/// arrives, each upstream read written and flushed at once (headers as soon as the upstream's are in). Chat and
/// generate exchanges are saved as scenario files once they end, however they end: an error status, an in-band error
/// line, a torn last line, a FIN without terminator or a reset are recorded as they happened and passed on to the
/// client the same way. The journal gets an entry per request as usual.
/// </summary>
internal sealed class RecordingProxy(RequestDelegate next, FakeState state, RecordingUpstream upstream, ILogger<RecordingProxy> logger)
{
    private const int ReadSize = 16 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/__", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        var request = FakeRequest.Of(http);
        var body = await ReadBodyAsync(http);
        RequestBody.Record(request, body);
        var summary = RequestSummary.Of(http.Request.Method, path, body);
        request.Entry.Model = summary.Model;
        request.Entry.Scenario = "record";

        using var message = ProxyHeaders.ToUpstream(http.Request, upstream.UrlFor(http.Request.Path, http.Request.QueryString), body);
        HttpResponseMessage response;
        try
        {
            response = await upstream.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        }
        catch (HttpRequestException ex) when (UpstreamFailure.IsUnreachable(ex))
        {
            await OllamaErrorResponder.WriteAsync(
                request, StatusCodes.Status502BadGateway,
                $"record mode: cannot reach the upstream {upstream.Options.Upstream}: {ex.Message}");
            return;
        }
        catch (HttpRequestException ex)
        {
            // The upstream took the request and went away before answering: the client sees the same.
            var end = UpstreamFailure.EndOf(ex);
            await MirrorAsync(http, end);
            Finish(request, summary, 0, [], request.Elapsed.TotalMilliseconds, [], end);
            return;
        }

        using (response)
        {
            var headersMs = request.Elapsed.TotalMilliseconds;
            var headers = ProxyHeaders.CopyToClient(response, http.Response);
            var recorder = new LineRecorder(RecordedFraming.IsEventStream(response.Content.Headers.ContentType?.ToString()));
            var end = await PumpAsync(http, request, response, recorder);
            await MirrorAsync(http, end);
            Finish(request, summary, (int)response.StatusCode, headers, headersMs, recorder.Finish(), end);
        }
    }

    private static async Task<RecordedEnd> PumpAsync(
        HttpContext http, FakeRequest request, HttpResponseMessage response, LineRecorder recorder)
    {
        var cancel = http.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        Task<(int Read, double AtMs)>? pending = null;
        try
        {
            await using var source = await response.Content.ReadAsStreamAsync(cancel);

            // The first read is under way while the headers go to the client, and each read is timed when it
            // completes: the proxy's own work never shifts the recorded offsets.
            pending = ReadTimedAsync(source, buffer, request, cancel);
            await http.Response.StartAsync(cancel);
            await http.Response.Body.FlushAsync(cancel);
            while (true)
            {
                int read;
                double atMs;
                try
                {
                    (read, atMs) = await pending;
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancel.IsCancellationRequested)
                {
                    return UpstreamFailure.EndOf(ex);
                }

                if (read == 0)
                {
                    return RecordedEnd.Completed;
                }

                var lines = recorder.Append(buffer.AsSpan(0, read), atMs);
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancel);
                await http.Response.Body.FlushAsync(cancel);
                request.Entry.AddBytes(read);
                for (var i = 0; i < lines; i++)
                {
                    request.Entry.AddLine(atMs);
                }

                pending = ReadTimedAsync(source, buffer, request, cancel);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && cancel.IsCancellationRequested)
        {
            return RecordedEnd.ClientLeft;
        }
        finally
        {
            // A read still in flight (the client left while the headers went out) must end before its buffer goes back.
            if (pending is { IsCompleted: false })
            {
                await pending.ContinueWith(static _ =>
                    { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            _ = pending?.Exception;

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(int Read, double AtMs)> ReadTimedAsync(
        Stream source, byte[] buffer, FakeRequest request, CancellationToken cancel)
    {
        var read = await source.ReadAsync(buffer.AsMemory(0, ReadSize), cancel);
        return (read, request.Elapsed.TotalMilliseconds);
    }

    /// <summary>The client's connection ends the way the upstream's did.</summary>
    private static async ValueTask MirrorAsync(HttpContext http, RecordedEnd end)
    {
        switch (end)
        {
            case RecordedEnd.Eof:
                await ConnectionClose.WithoutTerminatorAsync(http);
                break;
            case RecordedEnd.Reset:
                await ConnectionClose.ResetAsync(http);
                break;
        }
    }

    private void Finish(
        FakeRequest request,
        RecordedRequest summary,
        int status,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        double headersMs,
        IReadOnlyList<(double AtMs, byte[] Bytes)> lines,
        RecordedEnd end)
    {
        var ending = end switch
        {
            RecordedEnd.ClientLeft => StreamEnding.ClientDisconnected,
            RecordedEnd.Eof or RecordedEnd.Reset => StreamEnding.Fault,
            _ => status >= 400 ? StreamEnding.Error : StreamEnding.Completed,
        };
        var how =
            $"upstream {(status == 0 ? "gave no response" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}, "
            + $"ended {RecordingYamlReader.EndName(end)}";
        if (!RecordingSaver.IsRecorded(summary.Method, summary.Path))
        {
            request.EndWith(ending, $"{how}; proxied, not recorded");
            return;
        }

        try
        {
            var now = state.Time.GetUtcNow();
            var exchange = RecordingSaver.Build(upstream.Options, summary, status, headers, headersMs, lines, end, now);
            var name = request.Http.Request.Headers[RecordingOptions.NameHeader].ToString();
            var path = RecordingSaver.Save(upstream.Options, exchange, name, now);
            request.EndWith(ending, $"{how}; recorded to {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Recording of {Method} {Path} not saved", summary.Method, summary.Path);
            request.EndWith(ending, $"{how}; NOT recorded: {ex.Message}");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }
}
