namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// Retries happen only before the first token, only for connect failures, 5xx, 503 and 429, and always inside the
/// total deadline: a wait that would pass it is not attempted.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 2; 0 to 10.</summary>
    [SettingRange(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Backoff before the first retry, doubled for each further one, with jitter. Default 200 ms; 0 to 1 min.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on one backoff. Default 5 s; 0 to 10 min.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest upstream <c>Retry-After</c> the relay waits out itself; a longer one is passed to the client
    /// (429/503 with that <c>Retry-After</c>). Default 10 s; 0 to 10 min.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
