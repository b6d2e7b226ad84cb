using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay;

/// <summary>Rules that involve more than one setting, or more than a range; the upstream's are the client library's own.</summary>
internal sealed class RelayOptionsConsistencyValidator : IValidateOptions<RelayOptions>
{
    public const int MinApiKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var failures = options.Upstream.Inconsistencies("Relay:Upstream:").ToList();
        if (options.Telemetry.OtlpEndpoint is { } otlp && !IsHttpAddress(otlp))
        {
            failures.Add($"Relay:Telemetry:OtlpEndpoint must be an absolute http:// or https:// address; got '{otlp}'.");
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
