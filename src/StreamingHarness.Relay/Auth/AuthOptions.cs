using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Auth;

/// <summary>API keys. None configured (default): auth is off and rate limits are per client IP.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// Accepted keys, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>. Each at least 16 characters.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// With keys on, whether <c>GET /metrics</c> needs one too. Default false: a Prometheus scraper inside the cluster
    /// reads it anonymously, as it reads <c>/healthz</c> and <c>/readyz</c>. <c>/__stats</c> always needs a key when keys
    /// are on (its <c>?gc=true</c> forces full collections).
    /// </summary>
    public bool MetricsRequireKey { get; set; }

    /// <summary>
    /// The HMAC key behind each API key's identity, which scopes its cache entries (a shared Redis included) and its rate
    /// limits. Relays that share a Redis must share this value; set it (a secret) so that whoever reads Redis cannot test
    /// guessed keys against the identities. Default: a built-in constant.
    /// </summary>
    public string? IdentitySecret { get; set; }

    /// <summary>
    /// Wrong keys one client address may present per <see cref="FailureWindow"/>; past it, 429. Default 10; 1 to 100,000.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxFailures { get; set; } = 10;

    /// <summary>
    /// The window <see cref="MaxFailures"/> counts in; a locked-out address may try again when it ends. Default 1 min;
    /// 1 s to 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => ApiKeys.Count > 0;
}
