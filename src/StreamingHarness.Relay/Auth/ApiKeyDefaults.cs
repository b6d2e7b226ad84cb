namespace StreamingHarness.Relay.Auth;

public static class ApiKeyDefaults
{
    public const string SchemeName = "ApiKey";

    /// <summary>
    /// Required by the stream and pass-through endpoints: an authenticated key when keys are configured, anyone otherwise.
    /// </summary>
    public const string PolicyName = "relay-clients";

    public const string HeaderName = "X-API-Key";
}
