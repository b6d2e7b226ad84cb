using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StreamingHarness.Relay.Metrics;

namespace StreamingHarness.Relay.Auth;

/// <summary>
/// Wrong API keys per client address: after <see cref="AuthOptions.MaxFailures"/> in a <see cref="AuthOptions.FailureWindow"/>,
/// the address gets 429 with Retry-After until the window ends, before its key is even compared, so a locked-out guesser
/// learns nothing, not even from a right guess. A fixed window from System.Threading.RateLimiting, one per address.
/// </summary>
internal sealed class FailedAuthLimiter : IDisposable
{
    public const string FailuresInstrument = "relay.auth.failures";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly Counter<long> _failures;
    private readonly TimeSpan _window;

    public FailedAuthLimiter(IOptions<RelayOptions> options, RelayMetrics metrics)
    {
        var auth = options.Value.Auth;
        _window = auth.FailureWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = auth.MaxFailures, Window = auth.FailureWindow, QueueLimit = 0, AutoReplenishment = true,
            }));
        _failures = metrics.Meter.CreateCounter<long>(
            FailuresInstrument, "{request}", "Requests refused for their API key by result: rejected (401) or limited (429)");
    }

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    /// <summary>Null while <paramref name="address"/> may present a key; else how long until it may again.</summary>
    public TimeSpan? LockedOut(string address)
    {
        using var lease = _limiter.AttemptAcquire(address, 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
    }

    /// <summary>A wrong key from <paramref name="address"/>: one of its failures used.</summary>
    public void Rejected(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        _failures.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
    }

    public void Limited() => _failures.Add(1, new KeyValuePair<string, object?>("result", "limited"));

    public void Dispose() => _limiter.Dispose();
}
