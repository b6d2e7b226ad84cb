namespace StreamingHarness.Relay.Auth;

/// <summary>API keys. None configured (default): auth is off and rate limits are per client IP.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// Accepted keys, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>. Each at least 16 characters.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    public bool Enabled => ApiKeys.Count > 0;
}
