namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>http-500</c>, <c>overloaded-503</c>, <c>rate-limited-429</c> (and the general <c>http-error</c>): instead of the
/// stream, an error status with Ollama's body (<c>{"error":"…"}</c>, or the nested OpenAI form on <c>/v1</c>), sent
/// where Ollama sends it: after the queueing and load delays, before any chunk. <see cref="RetryAfterSeconds"/> adds a
/// <c>Retry-After</c> header (not scaled: it is what the client is told).
/// </summary>
public sealed class HttpErrorFault(string kind, int status, string message, int? retryAfterSeconds, double probability = 1) : StreamFault
{
    public const string RunnerTimeout = "timed out waiting for llama runner to start - progress 0.00 - ";
    public const string ServerBusy = "server busy, please try again.  maximum pending requests exceeded";
    public const string TooManyRequests = "too many requests, please retry later";

    public override string Name { get; } = kind;

    public int Status { get; } = status is >= 400 and <= 599 ? status
        : throw new ArgumentOutOfRangeException(nameof(status), "status must be between 400 and 599.");

    public string Message { get; } = message;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds is null
        or >= 0 ? retryAfterSeconds : throw new ArgumentOutOfRangeException(nameof(retryAfterSeconds), "retry_after_s must be 0 or more.");

    public double Probability { get; } = probability is >= 0 and <= 1 ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), "probability must be between 0 and 1.");

    public override async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Probability < 1 && context.RandomFor(this).NextDouble() >= Probability)
        {
            return FaultAction.Continue;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Record(this, $"answered {Status}: {Message}");
        await context.RespondWithErrorAsync(Status, Message, $"fault '{Name}': {Status}").ConfigureAwait(false);
        return FaultAction.Stop;
    }
}
