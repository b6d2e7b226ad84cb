using Microsoft.AspNetCore.WebUtilities;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Relay.Endpoints;

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

    /// <summary>Worth trying again unchanged: the relay or the upstream was busy, or the upstream failed.</summary>
    public static bool IsRetryable(int status) =>
        status is StatusCodes.Status429TooManyRequests or StatusCodes.Status502BadGateway
            or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout;

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
