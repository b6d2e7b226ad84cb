using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay;

/// <summary>Rules that involve more than one setting, or more than a range.</summary>
internal sealed class RelayOptionsConsistencyValidator : IValidateOptions<RelayOptions>
{
    public const int MinApiKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var failures = new List<string>();
        var upstream = options.Upstream;
        if (upstream.BaseUrl is not { } url || !IsHttpAddress(url))
        {
            failures.Add($"Relay:Upstream:BaseUrl must be an absolute http:// or https:// address; got '{upstream.BaseUrl}'.");
        }

        if (options.Telemetry.OtlpEndpoint is { } otlp && !IsHttpAddress(otlp))
        {
            failures.Add($"Relay:Telemetry:OtlpEndpoint must be an absolute http:// or https:// address; got '{otlp}'.");
        }

        if (upstream.FirstTokenTimeout > upstream.TotalTimeout)
        {
            failures.Add(
                $"Relay:Upstream:FirstTokenTimeout ({upstream.FirstTokenTimeout}) must not exceed Relay:Upstream:TotalTimeout "
                + $"({upstream.TotalTimeout}).");
        }

        if (upstream.IdleTimeout > upstream.TotalTimeout)
        {
            failures.Add(
                $"Relay:Upstream:IdleTimeout ({upstream.IdleTimeout}) must not exceed Relay:Upstream:TotalTimeout "
                + $"({upstream.TotalTimeout}).");
        }

        if (options.Retry.BaseDelay > options.Retry.MaxDelay)
        {
            failures.Add(
                $"Relay:Retry:BaseDelay ({options.Retry.BaseDelay}) must not exceed Relay:Retry:MaxDelay ({options.Retry.MaxDelay}).");
        }

        for (var i = 0; i < options.Auth.ApiKeys.Count; i++)
        {
            var key = options.Auth.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinApiKeyLength || key.Trim().Length != key.Length)
            {
                failures.Add(
                    $"Relay:Auth:ApiKeys:{i} ({Hosting.StartupFailure.MaskKey(key)}) must be at least {MinApiKeyLength} characters "
                    + "without surrounding spaces.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpAddress(Uri address) =>
        address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
}
