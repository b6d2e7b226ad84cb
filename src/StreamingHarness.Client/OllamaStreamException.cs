using System.Net;

namespace StreamingHarness.Client;

/// <summary>
/// The one exception every failure of a stream surfaces as: <see cref="Code"/> says what broke (the relay's error
/// codes, <c>StreamingHarness.Protocol.Relay.RelayErrorCodes</c>), <see cref="Retryable"/> whether asking again may
/// help, <see cref="TokensReceived"/> how much of the answer had arrived, and <see cref="UpstreamStatus"/> the HTTP
/// status when Ollama answered with one. The original I/O, JSON or HTTP exception, if any, is the inner exception.
/// </summary>
public sealed class OllamaStreamException : Exception
{
    public OllamaStreamException(
        string code, string message, bool retryable, long tokensReceived = 0, HttpStatusCode? upstreamStatus = null,
        TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Retryable = retryable;
        TokensReceived = tokensReceived;
        UpstreamStatus = upstreamStatus;
        RetryAfter = retryAfter;
    }

    public OllamaStreamException()
        : this("upstream_error", "the Ollama stream failed", retryable: false)
    {
    }

    public OllamaStreamException(string message)
        : this("upstream_error", message, retryable: false)
    {
    }

    public OllamaStreamException(string message, Exception innerException)
        : this("upstream_error", message, retryable: false, innerException: innerException)
    {
    }

    /// <summary>
    /// <c>upstream_unavailable</c>, <c>upstream_error</c>, <c>upstream_protocol</c>, <c>upstream_disconnected</c>,
    /// <c>first_token_timeout</c>, <c>idle_timeout</c> or <c>total_timeout</c>.
    /// </summary>
    public string Code { get; }

    /// <summary>True when the same request may succeed if sent again (after backing off).</summary>
    public bool Retryable { get; }

    /// <summary>Tokens (content or thinking chunks) that had arrived before the failure; 0 means nothing reached you.</summary>
    public long TokensReceived { get; }

    /// <summary>Ollama's HTTP status when it answered with an error status; null otherwise (the stream itself broke).</summary>
    public HttpStatusCode? UpstreamStatus { get; }

    /// <summary>Ollama's <c>Retry-After</c> on a 429 or 503, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    internal OllamaStreamException WithTokens(long tokens) =>
        tokens == TokensReceived ? this : new(Code, Message, Retryable, tokens, UpstreamStatus, RetryAfter, InnerException);
}
