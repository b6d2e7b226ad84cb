using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Scheduling;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Plays a recorded exchange as a scenario's answer: the recorded status, headers and line bytes, each line at its
/// recorded offset from the request's arrival times the time scale (an absolute schedule, so slow writes never add up
/// to drift), ending as the upstream did (clean end, FIN without terminator, reset). Lines go through the same
/// <see cref="ResponseStream"/> as generated answers, so the scenario's faults, the journal and
/// <c>pause_after_tokens</c> work on a recording as on any scenario.
/// </summary>
internal static class RecordingPlayer
{
    /// <summary>
    /// Headers that arrived this much earlier than the first line went out on their own (a proxy, an old server), so
    /// replay sends them early too; closer ones travel with the first line, as Ollama sends them (the gap is then the
    /// recorder's own scheduling noise).
    /// </summary>
    private const double EarlyHeadersGapMs = 20;

    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server",
    };

    public static async Task PlayAsync(FakeState state, FakeRequest request, Scenario scenario, RecordedExchange recording)
    {
        var path = request.Http.Request.Path.Value ?? "/";
        if (!string.Equals(path, recording.Request.Path, StringComparison.Ordinal))
        {
            await OllamaErrorResponder.WriteAsync(
                request,
                StatusCodes.Status400BadRequest,
                $"scenario '{scenario.Name}' replays a recording of {recording.Request.Method} {recording.Request.Path}; send the request "
                + $"there, not to {path}").ConfigureAwait(false);
            return;
        }

        var scale = state.TimeScaleFor(scenario);
        using var wait = new PacedWait(state.Pacing, request.Aborted);
        using var stream = new ResponseStream(
            request, scenario, recording.Framing, recording.ContentType ?? "", scale, (int)scenario.Seed,
            recording.Status == 0 ? StatusCodes.Status200OK : recording.Status);
        try
        {
            await PlayLinesAsync(state, request, scenario, recording, stream, wait, scale).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            stream.MarkDisconnected();
        }
    }

    private static async Task PlayLinesAsync(
        FakeState state,
        FakeRequest request,
        Scenario scenario,
        RecordedExchange recording,
        ResponseStream stream,
        PacedWait wait,
        double scale)
    {
        var response = request.Http.Response;
        foreach (var (name, value) in recording.Headers)
        {
            if (!NotReplayed.Contains(name))
            {
                response.Headers.Append(name, value);
            }
        }

        await stream.LoadAsync().ConfigureAwait(false);
        if (recording.Status == 0)
        {
            await DelayUntilAsync(recording.HeadersMs * scale, request, wait).ConfigureAwait(false);
            await EndAsRecordedAsync(request, stream, recording, "before any response").ConfigureAwait(false);
            return;
        }

        // A body the upstream sent with a Content-Length keeps it, unless a fault may change the bytes.
        if (recording.ContentLength is { } length && recording.End == RecordedEnd.Completed && scenario.Faults.Count == 0)
        {
            response.ContentLength = length;
        }

        var firstLineMs = recording.Lines.Count > 0 ? recording.Lines[0].AtMs : double.MaxValue;
        if (firstLineMs - recording.HeadersMs > EarlyHeadersGapMs)
        {
            await DelayUntilAsync(recording.HeadersMs * scale, request, wait).ConfigureAwait(false);
            stream.SendHeaders();
            await response.StartAsync(request.Aborted).ConfigureAwait(false);
            await response.BodyWriter.FlushAsync(request.Aborted).ConfigureAwait(false);
        }

        var tokens = 0;
        foreach (var line in recording.Lines)
        {
            await DelayUntilAsync(line.AtMs * scale, request, wait).ConfigureAwait(false);
            if (!await stream.WriteFramedAsync(line.Bytes, line.Kind).ConfigureAwait(false))
            {
                return;
            }

            if (line.IsToken && ++tokens == scenario.PauseAfterTokens)
            {
                await state.Pause.WaitAsync(request.Aborted).ConfigureAwait(false);
            }
        }

        await EndAsRecordedAsync(request, stream, recording, $"after {stream.TokensDelivered} tokens").ConfigureAwait(false);
        await stream.CompleteAsync().ConfigureAwait(false);
    }

    private static async ValueTask EndAsRecordedAsync(FakeRequest request, ResponseStream stream, RecordedExchange recording, string where)
    {
        switch (recording.End)
        {
            case RecordedEnd.Eof:
                stream.Stop(StreamEnding.Fault, $"recorded end: connection closed without terminator {where}");
                await ConnectionClose.WithoutTerminatorAsync(request.Http).ConfigureAwait(false);
                break;
            case RecordedEnd.Reset:
                stream.Stop(StreamEnding.Fault, $"recorded end: connection reset {where}");
                await ConnectionClose.ResetAsync(request.Http).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Waits on the shared pacing loop until <paramref name="atMs"/> after the request arrived (never earlier).</summary>
    private static ValueTask DelayUntilAsync(double atMs, FakeRequest request, PacedWait wait) =>
        wait.WaitUntilAsync(request.StartTimestamp + wait.Loop.ToTimestamps(atMs));
}
