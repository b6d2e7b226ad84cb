using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// Why a stream failed: the <c>error</c> event's code, message and retryable flag, and the HTTP status (with an
/// optional Retry-After) the client gets instead when the failure happens before the first token.
/// </summary>
internal sealed record RelayFailure(string Code, string Message, bool Retryable, int HttpStatus, TimeSpan? RetryAfter = null)
{
    public static RelayFailure Unavailable(string message) =>
        new(RelayErrorCodes.UpstreamUnavailable, message, Retryable: true, StatusCodes.Status502BadGateway);

    public static RelayFailure InBandError(string message) =>
        new(RelayErrorCodes.UpstreamError, message, Retryable: true, StatusCodes.Status502BadGateway);

    public static RelayFailure Protocol(string message) =>
        new(RelayErrorCodes.UpstreamProtocol, message, Retryable: false, StatusCodes.Status502BadGateway);

    public static RelayFailure Disconnected(string message) =>
        new(RelayErrorCodes.UpstreamDisconnected, message, Retryable: true, StatusCodes.Status502BadGateway);

    public static RelayFailure FirstTokenTimeout(TimeSpan timeout) =>
        new(RelayErrorCodes.FirstTokenTimeout, $"no token from the upstream within {timeout.TotalSeconds:0.###} s", Retryable: true, StatusCodes.Status504GatewayTimeout);

    public static RelayFailure IdleTimeout(TimeSpan timeout) =>
        new(RelayErrorCodes.IdleTimeout, $"the upstream sent nothing for {timeout.TotalSeconds:0.###} s", Retryable: true, StatusCodes.Status504GatewayTimeout);

    public static RelayFailure TotalTimeout(TimeSpan timeout) =>
        new(RelayErrorCodes.TotalTimeout, $"the stream did not finish within {timeout.TotalSeconds:0.###} s", Retryable: false, StatusCodes.Status504GatewayTimeout);

    public static RelayFailure ClientTooSlow(int limit) =>
        new(RelayErrorCodes.ClientTooSlow, $"the client fell more than {limit} bytes behind the upstream", Retryable: false, StatusCodes.Status500InternalServerError);

    /// <summary>
    /// An upstream HTTP error: 429 and 503 keep their status (and Retry-After) so the client can back off; other 4xx
    /// keep theirs too (an unknown model is the client's mistake, not a gateway failure); other 5xx become 502.
    /// </summary>
    public static RelayFailure FromUpstreamStatus(int status, string message, TimeSpan? retryAfter)
    {
        var clientStatus = status switch
        {
            StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => status,
            >= 400 and < 500 => status,
            _ => StatusCodes.Status502BadGateway,
        };
        var retryable = status is StatusCodes.Status429TooManyRequests or >= 500;
        return new(RelayErrorCodes.UpstreamError, $"upstream answered {status}: {message}", retryable, clientStatus, retryAfter);
    }
}
