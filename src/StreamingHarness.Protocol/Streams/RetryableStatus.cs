namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The one rule for which HTTP statuses are worth asking again unchanged: 429 (busy) and every 5xx. The client's
/// retries, the failures it reports (<c>retryable</c>), and the relay's ProblemDetails all use it, so a status never
/// reads as retryable in one place and final in another. 500 is included: Ollama answers 500 when a runner crashed
/// or a model failed to load, and the relay's own 500 is an unexpected fault, not a verdict on the request (the
/// same rule as Microsoft.Extensions.Http.Resilience's transient-failure predicate, less 408, which Ollama never sends).
/// Other 4xx are the caller's mistake and will fail again.
/// </summary>
public static class RetryableStatus
{
    public static bool IsRetryable(int status) => status == 429 || status >= 500;
}
