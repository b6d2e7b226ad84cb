using System.Net;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.Streaming;

/// <summary>
/// Every failure the client and the relay report, with its code, retryability and wording, in one place: the relay
/// turns these into its <c>error</c> events and HTTP statuses, so the two can never disagree.
/// </summary>
public static class OllamaFailures
{
    public static OllamaStreamException Unavailable(string message, Exception? inner = null) =>
        new(RelayErrorCodes.UpstreamUnavailable, message, retryable: true, innerException: inner);

    public static OllamaStreamException InBandError(string message, long tokens) =>
        new(RelayErrorCodes.UpstreamError, message, retryable: true, tokens);

    /// <summary>An HTTP error answer; retryable as <see cref="RetryableStatus"/> says (429 and 5xx).</summary>
    public static OllamaStreamException UpstreamStatus(HttpStatusCode status, string message, TimeSpan? retryAfter) =>
        new(
            RelayErrorCodes.UpstreamError,
            $"upstream answered {(int)status}: {message}",
            retryable: RetryableStatus.IsRetryable((int)status),
            upstreamStatus: status,
            retryAfter: retryAfter);

    public static OllamaStreamException Protocol(string message, long tokens, Exception? inner = null) =>
        new(RelayErrorCodes.UpstreamProtocol, message, retryable: false, tokens, innerException: inner);

    public static OllamaStreamException Disconnected(string message, long tokens, Exception? inner = null) =>
        new(RelayErrorCodes.UpstreamDisconnected, message, retryable: true, tokens, innerException: inner);

    /// <summary>The connection broke between lines (a reset, a close without the chunked terminator).</summary>
    public static OllamaStreamException ConnectionBroke(Exception cause, long tokens) =>
        Disconnected("the upstream connection broke: " + cause.Message, tokens, cause);

    public static OllamaStreamException FirstTokenTimeout(TimeSpan timeout) =>
        new(RelayErrorCodes.FirstTokenTimeout, $"no token from the upstream within {timeout.TotalSeconds:0.###} s", retryable: true);

    public static OllamaStreamException IdleTimeout(TimeSpan timeout, long tokens) =>
        new(RelayErrorCodes.IdleTimeout, $"the upstream sent nothing for {timeout.TotalSeconds:0.###} s", retryable: true, tokens);

    public static OllamaStreamException TotalTimeout(TimeSpan timeout, long tokens) =>
        new(RelayErrorCodes.TotalTimeout, $"the stream did not finish within {timeout.TotalSeconds:0.###} s", retryable: false, tokens);
}
