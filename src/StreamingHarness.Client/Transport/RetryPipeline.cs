using Polly;
using Polly.Retry;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.Transport;

/// <summary>
/// Retries for the part of a stream before anything reached the caller: no response yet (connect failure, reset),
/// or an answer <see cref="RetryableStatus"/> calls retryable (429, 5xx). Exponential backoff with jitter (Polly);
/// Ollama's Retry-After is honoured when it is no longer than <see cref="OllamaConnectionOptions.MaxRetryAfter"/> and fits
/// in what is left of the total deadline, otherwise the answer goes back as it is.
/// </summary>
internal static class RetryPipeline
{
    public static readonly ResiliencePropertyKey<OllamaStreamDeadlines> Deadlines = new("ollama.deadlines");

    public static ResiliencePipeline<HttpResponseMessage> Create(OllamaConnectionOptions options, TimeProvider time, Action? onRetry)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
                OnRetry = _ =>
                {
                    onRetry?.Invoke();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The upstream's Retry-After as a delay, or null when it sent none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome, ResilienceContext context, OllamaConnectionOptions options, TimeProvider time)
    {
        var deadlines = context.Properties.GetValue(Deadlines, null!);
        if (deadlines.Token.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            // No response at all (refused, reset, connect timeout): nothing reached the caller, a retry is safe.
            return outcome.Exception is HttpRequestException or OperationCanceledException;
        }

        var response = outcome.Result!;
        if (!RetryableStatus.IsRetryable((int)response.StatusCode))
        {
            return false;
        }

        return RetryAfter(response, time) is not { } wait || (wait <= options.MaxRetryAfter && wait < deadlines.Remaining);
    }
}
