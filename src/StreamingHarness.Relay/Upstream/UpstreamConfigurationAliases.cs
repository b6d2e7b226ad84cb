namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// The keys earlier versions documented, mapped at binding onto <see cref="UpstreamOptions"/> so that no configuration
/// breaks: <c>Relay:Upstream:BaseUrl</c> is <c>BaseAddress</c>, and <c>Relay:Retry:MaxRetries</c>, <c>BaseDelay</c>,
/// <c>MaxDelay</c> and <c>MaxRetryAfter</c> are <c>Relay:Upstream:MaxRetries</c>, <c>RetryBaseDelay</c>,
/// <c>RetryMaxDelay</c> and <c>MaxRetryAfter</c>. When an old key and its new name are both set, the new name wins.
/// The values go through the configuration binder, so a bad one fails as any other setting does.
/// </summary>
internal static class UpstreamConfigurationAliases
{
    private static readonly (string OldKey, string Property)[] Aliases =
    [
        ("Upstream:BaseUrl", nameof(UpstreamOptions.BaseAddress)),
        ("Retry:MaxRetries", nameof(UpstreamOptions.MaxRetries)),
        ("Retry:BaseDelay", nameof(UpstreamOptions.RetryBaseDelay)),
        ("Retry:MaxDelay", nameof(UpstreamOptions.RetryMaxDelay)),
        ("Retry:MaxRetryAfter", nameof(UpstreamOptions.MaxRetryAfter)),
    ];

    /// <param name="relay">The <c>Relay</c> configuration section.</param>
    /// <param name="upstream">The options already bound from <c>Relay:Upstream</c>.</param>
    public static void Apply(IConfiguration relay, UpstreamOptions upstream)
    {
        var values = Aliases
            .Where(alias => relay[alias.OldKey] is not null && relay["Upstream:" + alias.Property] is null)
            .Select(alias => KeyValuePair.Create(alias.Property, relay[alias.OldKey]))
            .ToList();
        if (values.Count > 0)
        {
            new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(upstream);
        }
    }
}
