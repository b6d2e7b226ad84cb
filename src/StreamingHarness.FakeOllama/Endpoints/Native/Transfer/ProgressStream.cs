using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Native.Transfer;

/// <summary>
/// A pull, push or create answer as Ollama's streamResponse and waitForStream write it: ndjson progress lines with the
/// headers at once (each line goes through the scenario's faults, counted as a token), or with <c>stream:false</c>
/// only the last object, <c>application/json</c>. An error is a 500 while nothing is written, else one more line.
/// </summary>
internal sealed class ProgressStream(FakeState state, FakeRequest request, Scenario scenario, bool streaming) : IDisposable
{
    private readonly ProgressResponse _line = new();
    private readonly ProgressResponse _last = new();
    private readonly ResponseStream _stream = new(
        request,
        scenario,
        streaming ? StreamFraming.Ndjson : StreamFraming.Json,
        streaming ? "application/x-ndjson" : "application/json",
        state.TimeScaleFor(scenario),
        (int)scenario.Seed);

    public TimeSpan Scaled(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds * state.TimeScaleFor(scenario));

    public ValueTask<bool> StatusAsync(string status) => WriteAsync(status, null, 0, 0);

    public ValueTask<bool> WriteAsync(string status, string? digest, long total, long completed)
    {
        _last.Status = status;
        _last.Digest = digest;
        _last.Total = total;
        _last.Completed = completed;
        if (!streaming)
        {
            return ValueTask.FromResult(!request.Aborted.IsCancellationRequested);
        }

        _line.Status = status;
        _line.Digest = digest;
        _line.Total = total;
        _line.Completed = completed;
        return _stream.WriteAsync(_line, ProtocolJson.Context.ProgressResponse, LineKind.Content);
    }

    /// <summary>The end of a successful transfer: nothing more when streaming, the last object otherwise.</summary>
    public async ValueTask CompleteAsync()
    {
        if (!streaming)
        {
            await _stream.WriteBodyAsync(_last, ProtocolJson.Context.ProgressResponse, trailingNewline: false).ConfigureAwait(false);
        }

        await _stream.CompleteAsync().ConfigureAwait(false);
    }

    public ValueTask FailAsync(string message) => _stream.WriteErrorAsync(StatusCodes.Status500InternalServerError, message);

    public Task DelayAsync(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, request.Time, request.Aborted);

    public void MarkDisconnected() => _stream.MarkDisconnected();

    public void Dispose() => _stream.Dispose();
}
