using StreamingHarness.Client;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Why a stream failed: the <c>error</c> event's code, message and retryable flag, and the HTTP status (with an
/// optional Retry-After) the client gets instead when the failure happens before the first token. Upstream failures
/// are the client library's (<see cref="OllamaStreamException"/>); the relay adds only its own, a client too slow.
/// </summary>
internal sealed record RelayFailure(string Code, string Message, bool Retryable, int HttpStatus, TimeSpan? RetryAfter = null)
{
    public static RelayFailure ClientTooSlow(int limit) =>
        new(RelayErrorCodes.ClientTooSlow, $"the client fell more than {limit} bytes behind the upstream", Retryable: false,
            StatusCodes.Status500InternalServerError);

    /// <summary>The caller stopped the stream on purpose (A2A's <c>CancelTask</c>); 409 if nothing was sent yet.</summary>
    public static RelayFailure Canceled() =>
        new(
            RelayErrorCodes.Canceled,
            "the task was canceled and its upstream request stopped",
            Retryable: false,
            StatusCodes.Status409Conflict);

    /// <summary>The relay is shutting down and its drain time is over; 503 if nothing was sent yet.</summary>
    public static RelayFailure ShuttingDown() =>
        new(
            RelayErrorCodes.ShuttingDown,
            "the relay is shutting down; send the request again, to another instance",
            Retryable: true,
            StatusCodes.Status503ServiceUnavailable,
            TimeSpan.FromSeconds(1));

    /// <summary>A request the upstream cannot be asked (an Ollama body with no OpenAI equivalent): Ollama's 400.</summary>
    public static RelayFailure InvalidRequest(string message) =>
        new(RelayErrorCodes.InvalidRequest, message, Retryable: false, StatusCodes.Status400BadRequest);

    /// <summary>
    /// A failure of the upstream side as the client library reports it: its code, message and retryability, with the
    /// status the client gets before its first token (timeouts 504, an upstream HTTP error per <see cref="ClientStatus"/>, else 502).
    /// </summary>
    public static RelayFailure From(OllamaStreamException failure) => Classify(failure) with { Detail = failure.Message };

    /// <summary>Safe to tell the client: no address, no socket error (those are in <see cref="Detail"/>, for the log).</summary>
    public const string Unreachable = "the upstream could not be reached";

    public const string ConnectionBroke = "the upstream connection broke";

    /// <summary>What only the log gets: the upstream's address and the socket error behind the client's message.</summary>
    public string? Detail { get; init; }

    private static RelayFailure Classify(OllamaStreamException failure) => failure.Code switch
    {
        RelayErrorCodes.UpstreamUnavailable =>
            new(failure.Code, Unreachable, failure.Retryable, StatusCodes.Status502BadGateway),
        RelayErrorCodes.UpstreamDisconnected when failure.InnerException is IOException or HttpRequestException =>
            new(failure.Code, ConnectionBroke, failure.Retryable, StatusCodes.Status502BadGateway),
        RelayErrorCodes.UpstreamError when failure.UpstreamStatus is { } status =>
            new(failure.Code, failure.Message, failure.Retryable, ClientStatus((int)status), failure.RetryAfter),
        RelayErrorCodes.FirstTokenTimeout or RelayErrorCodes.IdleTimeout or RelayErrorCodes.TotalTimeout =>
            new(failure.Code, failure.Message, failure.Retryable, StatusCodes.Status504GatewayTimeout),
        _ => new(failure.Code, failure.Message, failure.Retryable, StatusCodes.Status502BadGateway),
    };

    /// <summary>
    /// An upstream HTTP error: 429 and 503 keep their status (and Retry-After) so the client can back off; other 4xx
    /// keep theirs too (an unknown model is the client's mistake, not a gateway failure); other 5xx become 502.
    /// </summary>
    private static int ClientStatus(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => status,
        >= 400 and < 500 => status,
        _ => StatusCodes.Status502BadGateway,
    };
}
