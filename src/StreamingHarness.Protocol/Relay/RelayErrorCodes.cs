namespace StreamingHarness.Protocol.Relay;

/// <summary>
/// The <c>code</c> of a relay <c>error</c> event, one per way a stream can fail, and of the relay's ProblemDetails
/// (which also use the last five, for refusals before any stream).
/// </summary>
public static class RelayErrorCodes
{
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamProtocol = "upstream_protocol";
    public const string UpstreamDisconnected = "upstream_disconnected";
    public const string FirstTokenTimeout = "first_token_timeout";
    public const string IdleTimeout = "idle_timeout";
    public const string TotalTimeout = "total_timeout";
    public const string ClientTooSlow = "client_too_slow";

    /// <summary>An A2A task canceled with <c>CancelTask</c>: the relay stopped its upstream request.</summary>
    public const string Canceled = "canceled";

    /// <summary>The relay got SIGTERM and its drain time ran out before the stream ended; another instance can serve it.</summary>
    public const string ShuttingDown = "shutting_down";
    public const string InvalidRequest = "invalid_request";
    public const string RequestTooLarge = "request_too_large";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
}
