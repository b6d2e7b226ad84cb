using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.RateLimiting;

/// <summary>
/// One partition per API key (per client IP when auth is off), each a token bucket of requests chained with a
/// concurrency limit; the concurrency lease is held for the whole request, that is for the whole stream.
/// A refusal is 429 with Retry-After.
/// </summary>
internal sealed class StreamRateLimitPolicy(IOptions<RelayOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "streams";

    /// <summary>Used when the limiter cannot say when to come back (the concurrent-stream cap).</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    private readonly RateLimitOptions _limits = options.Value.RateLimits;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => static async (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : DefaultRetryAfter;
        await RefusalResponder.WriteAsync(
            context.HttpContext,
            StatusCodes.Status429TooManyRequests,
            RelayErrorCodes.RateLimited,
            "Too many requests",
            "rate limit reached: too many requests or too many concurrent streams for this client",
            retryable: true,
            retryAfter);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!_limits.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var key = httpContext.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "key:" + name
            : "ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.Get(key, _ => RateLimiter.CreateChained(
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = _limits.BurstRequests,
                TokensPerPeriod = _limits.RequestsPerPeriod,
                ReplenishmentPeriod = _limits.ReplenishPeriod,
                AutoReplenishment = true,
                QueueLimit = 0,
            }),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = _limits.MaxConcurrentStreams, QueueLimit = 0 })));
    }
}
