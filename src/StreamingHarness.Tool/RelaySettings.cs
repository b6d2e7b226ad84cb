namespace StreamingHarness.Tool;

/// <summary><c>relay</c>'s flags as the ASP.NET Core configuration keys they stand for, and a check of the rest.</summary>
internal static class RelaySettings
{
    public static IEnumerable<string> FromFlags(string? urls, string? upstream, IReadOnlyList<string> apiKeys, bool noRateLimits)
    {
        if (urls is not null)
        {
            yield return "--urls=" + urls;
        }

        if (upstream is not null)
        {
            yield return "--Relay:Upstream:BaseUrl=" + upstream;
        }

        for (var i = 0; i < apiKeys.Count; i++)
        {
            yield return $"--Relay:Auth:ApiKeys:{i}={apiKeys[i]}";
        }

        if (noRateLimits)
        {
            yield return "--Relay:RateLimits:Enabled=false";
        }
    }

    /// <summary>
    /// Null when every token is a setting (<c>--Section:Name=value</c>, or <c>--Section:Name value</c>); otherwise
    /// what is wrong, so a mistyped flag is an error instead of a setting silently ignored.
    /// </summary>
    public static string? Check(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                return $"'{token}' is neither an option of relay (see --help) nor a setting such as --Relay:Upstream:IdleTimeout=00:00:02.";
            }

            if (!token.Contains('=', StringComparison.Ordinal) && ++i >= tokens.Count)
            {
                return $"the setting {token} has no value: give {token}=<value>.";
            }
        }

        return null;
    }
}
