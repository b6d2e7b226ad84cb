using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Harness.Measurement;

/// <summary>Which deadline a request missed: each phase of a stream has its own, as a careful client sets them.</summary>
internal enum TimeoutPhase
{
    None,
    Headers,
    FirstToken,
    Idle,
    Total,
}

internal static class TimeoutPhaseExtensions
{
    /// <summary>
    /// A missed headers deadline. The client library has no such deadline (Ollama holds its headers until the first token,
    /// so the first-token deadline covers them); the harness keeps it for services that answer headers early, and names it
    /// as the client names the others.
    /// </summary>
    public const string HeadersTimeout = "headers_timeout";

    /// <summary>
    /// The outcome label of a missed deadline: the client library's error code for it (<see cref="RelayErrorCodes"/>),
    /// so that the harness's <c>idle_timeout</c> and a relay's <c>in_band_error:idle_timeout</c> name the same clock.
    /// </summary>
    public static string Code(this TimeoutPhase phase) => phase switch
    {
        TimeoutPhase.Headers => HeadersTimeout,
        TimeoutPhase.FirstToken => RelayErrorCodes.FirstTokenTimeout,
        TimeoutPhase.Idle => RelayErrorCodes.IdleTimeout,
        TimeoutPhase.Total => RelayErrorCodes.TotalTimeout,
        _ => "none",
    };

    /// <summary>
    /// An outcome label as a suite's <c>expect:</c> may write it: the older labels (<c>timeout_idle</c>, <c>timeout_first_token</c>,
    /// <c>timeout_headers</c>, <c>timeout_total</c>) still read, as the client's codes, so no suite file breaks.
    /// </summary>
    public static string CanonicalLabel(string label) => label switch
    {
        "timeout_headers" => HeadersTimeout,
        "timeout_first_token" => RelayErrorCodes.FirstTokenTimeout,
        "timeout_idle" => RelayErrorCodes.IdleTimeout,
        "timeout_total" => RelayErrorCodes.TotalTimeout,
        _ => label,
    };
}
