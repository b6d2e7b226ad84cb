using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Response caching (<c>Relay:Cache</c>): deterministic streams (an <c>options.seed</c>, or <c>temperature</c> 0, and
/// no tools) that completed with <c>done</c> are kept and replayed to the same API key. Off by default.
/// </summary>
public sealed class CacheOptions
{
    /// <summary>Default false: every request goes to the upstream and no <c>X-Relay-Cache</c> header is sent.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>). When set, Redis is the shared second
    /// level behind the in-memory one, so relays behind one load balancer share hits. Default none: memory only.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// How long a request waits for Redis to answer a look-up before it is a miss. Default 50 ms; 1 ms to 10 s. Redis
    /// is a best-effort second level: a slow or absent Redis must never cost a client more than this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RedisLookupTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a write to Redis, made after the response has ended, may take. Default 500 ms; 1 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RedisStoreTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// While Redis keeps failing (half of the calls in 10 s, at least two), it is skipped for this long, then tried
    /// again with one call. Default 5 s; 500 ms (Polly's least) to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan RedisBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most streams kept by one relay; past it the least recently used goes. Default 1000; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 1000;

    /// <summary>
    /// Most bytes of stream content kept by one relay; past it the least recently used goes. Default 64 MiB;
    /// 64 KiB to 16 GiB.
    /// </summary>
    [Range(64L * 1024, 16L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A stream longer than this is not kept. Default 1 MiB; 1 KiB to 256 MiB, and at most <see cref="MaxBytes"/>.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a stream is kept after it was stored, in both levels. Default 10 min; 1 s to 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>FullSpeed</c> (default): a hit is written at once. <c>Recorded</c>: each event at the offset it first went out.
    /// </summary>
    public CacheReplayPace Replay { get; set; } = CacheReplayPace.FullSpeed;
}
