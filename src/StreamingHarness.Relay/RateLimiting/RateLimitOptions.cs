using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.RateLimiting;

/// <summary>Per API key (per client IP when auth is off): a token bucket of requests plus a cap on concurrent streams.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Default true. False disables both limits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bucket size: requests a client may burst. Default 60; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int BurstRequests { get; set; } = 60;

    /// <summary>Requests added back to the bucket each <see cref="ReplenishPeriod"/>. Default 60; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerPeriod { get; set; } = 60;

    /// <summary>Default 1 min; 1 s to 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReplenishPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Streams one client may have open at once; one more is 429. Default 8; 1 to 100,000.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentStreams { get; set; } = 8;
}
