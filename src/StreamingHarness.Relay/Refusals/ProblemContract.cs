using Microsoft.AspNetCore.WebUtilities;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Relay.Refusals;

/// <summary>
/// The relay's one error contract: every ProblemDetails it writes (its own refusals, validation problems, the rate
/// limiter's and auth's, and the framework's) carries <c>code</c>, <c>retryable</c> and <c>requestId</c>. Hooked into
/// <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>, so nothing that writes ProblemDetails can forget them.
/// </summary>
internal static class ProblemContract
{
    public const string CodeKey = "code";
    public const string RetryableKey = "retryable";
    public const string RequestIdKey = "requestId";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd(CodeKey, CodeFor(status));
        problem.Extensions.TryAdd(RetryableKey, IsRetryable(status));
        problem.Extensions[RequestIdKey] = RequestId.For(context.HttpContext);
    }

    /// <summary>
    /// Worth trying again unchanged: <see cref="RetryableStatus"/>, the rule the client library retries by (429 and
    /// every 5xx, so the relay's own 500 says <c>retryable: true</c> too).
    /// </summary>
    public static bool IsRetryable(int status) => RetryableStatus.IsRetryable(status);

    private static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => RelayErrorCodes.InvalidRequest,
        StatusCodes.Status401Unauthorized => RelayErrorCodes.Unauthorized,
        StatusCodes.Status413PayloadTooLarge => RelayErrorCodes.RequestTooLarge,
        StatusCodes.Status429TooManyRequests => RelayErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable or StatusCodes.Status502BadGateway => RelayErrorCodes.UpstreamUnavailable,
        StatusCodes.Status500InternalServerError => RelayErrorCodes.InternalError,
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase.ToLowerInvariant().Replace(' ', '_')
            : RelayErrorCodes.InternalError,
    };
}
