namespace StreamingHarness.Relay.Auth;

public static class ApiKeyDefaults
{
    public const string SchemeName = "ApiKey";

    /// <summary>
    /// Required by the stream and pass-through endpoints: an authenticated key when keys are configured, anyone otherwise.
    /// </summary>
    public const string PolicyName = "relay-clients";

    /// <summary>
    /// Required by <c>/metrics</c>: <see cref="PolicyName"/> when <c>Relay:Auth:MetricsRequireKey</c> is true, anyone otherwise.
    /// </summary>
    public const string MetricsPolicyName = "relay-metrics";

    public const string HeaderName = "X-API-Key";
}
