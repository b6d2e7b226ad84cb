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
        foreach (var (oldKey, property) in Aliases)
        {
            if (relay[oldKey] is not { } value || relay["Upstream:" + property] is not null)
            {
                continue;
            }

            try
            {
                new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(property, (string?)value)]).Build().Bind(upstream);
            }
            catch (InvalidOperationException bind) when (bind.InnerException is not null)
            {
                // The binder names the in-memory key; a user must read the key they wrote.
                var configured = relay is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, oldKey) : oldKey;
                throw new InvalidOperationException(
                    bind.Message.Replace($"at '{property}'", $"at '{configured}'", StringComparison.Ordinal), bind.InnerException);
            }
        }
    }

    /// <summary>
    /// The key the user wrote for <paramref name="setting"/>: <c>Relay:Retry:MaxRetries</c> for
    /// <c>Relay:Upstream:MaxRetries</c> when only the old key is set, so that an error names what is in their file.
    /// </summary>
    public static string AsConfigured(string setting, IConfiguration configuration)
    {
        if (configuration[setting] is not null)
        {
            return setting;
        }

        foreach (var (oldKey, property) in Aliases)
        {
            if (string.Equals(setting, "Relay:Upstream:" + property, StringComparison.OrdinalIgnoreCase)
                && configuration["Relay:" + oldKey] is not null)
            {
                return "Relay:" + oldKey;
            }
        }

        return setting;
    }
}
