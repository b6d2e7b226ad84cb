using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// Opens a journal entry for every request to the emulated API (not the fake's own <c>/__</c> routes), hands the
/// endpoint its <see cref="FakeRequest"/>, and closes the entry with how the response ended.
/// </summary>
internal sealed class JournalMiddleware(RequestDelegate next, FakeState state)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/__", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        var entry = state.Journal.Begin(http.Request.Method, path + http.Request.QueryString);
        if (http.Request.Headers.TryGetValue("traceparent", out var traceParent))
        {
            entry.TraceParent = traceParent.ToString();
        }

        var request = new FakeRequest(http, entry, state.Time, state.Journal.BodyLimit)
        {
            Flavor = FlavorOf(path),
        };
        entry.StartMonotonicNs = MonotonicNanoseconds(request.StartTimestamp, state.Time.TimestampFrequency);
        http.Features.Set(request);
        state.Console.Started(request);
        try
        {
            await next(http);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            request.EndWith(StreamEnding.ClientDisconnected, $"client disconnected at token {entry.TokensDelivered}");
        }
        finally
        {
            var status = http.Response.StatusCode;
            var ending = request.Ending ?? (status >= 400 ? StreamEnding.Error : StreamEnding.Completed);
            var detail = request.EndingDetail ?? (status >= 400 ? $"{status}" : "completed");
            state.Journal.Finish(entry, ending, detail, status, request.Elapsed.TotalMilliseconds);
            state.Console.Finished(entry);
        }
    }

    private static ApiFlavor FlavorOf(string path) => path switch
    {
        "/v1/completions" => ApiFlavor.OpenAiCompletions,
        "/v1/responses" => ApiFlavor.OpenAiResponses,
        "/v1/messages" => ApiFlavor.Anthropic,
        _ when path.StartsWith("/v1/", StringComparison.Ordinal) => ApiFlavor.OpenAi,
        _ => ApiFlavor.Native,
    };

    /// <summary>
    /// A timestamp of the fake's clock in nanoseconds; 0 when it does not fit (a virtual clock counting 100 ns ticks since
    /// year 1 is not host time anyway).
    /// </summary>
    private static long MonotonicNanoseconds(long timestamp, long frequency)
    {
        var ns = (Int128)timestamp * 1_000_000_000 / frequency;
        return ns > long.MaxValue ? 0 : (long)ns;
    }
}
