using Microsoft.Extensions.Options;

namespace StreamingHarness.Client;

/// <summary>Rules that involve more than one setting, or more than a range.</summary>
internal sealed class OllamaStreamingOptionsConsistencyValidator : IValidateOptions<OllamaStreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, OllamaStreamingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseAddress is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"BaseAddress must be an absolute http:// or https:// address; got '{options.BaseAddress}'.");
        }

        if (options.FirstTokenTimeout > options.TotalTimeout)
        {
            failures.Add($"FirstTokenTimeout ({options.FirstTokenTimeout}) must not exceed TotalTimeout ({options.TotalTimeout}).");
        }

        if (options.IdleTimeout > options.TotalTimeout)
        {
            failures.Add($"IdleTimeout ({options.IdleTimeout}) must not exceed TotalTimeout ({options.TotalTimeout}).");
        }

        if (options.RetryBaseDelay > options.RetryMaxDelay)
        {
            failures.Add($"RetryBaseDelay ({options.RetryBaseDelay}) must not exceed RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Both validators, for a client built without dependency injection.</summary>
    public static void ThrowIfInvalid(OllamaStreamingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var results = new[]
        {
            new OllamaStreamingOptionsValidator().Validate(null, options),
            new OllamaStreamingOptionsConsistencyValidator().Validate(null, options),
        };
        foreach (var result in results)
        {
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(OllamaStreamingOptions), typeof(OllamaStreamingOptions), failures);
        }
    }
}
