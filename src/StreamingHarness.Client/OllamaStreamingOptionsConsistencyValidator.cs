using Microsoft.Extensions.Options;

namespace StreamingHarness.Client;

/// <summary>
/// Rules that involve more than one setting, or more than a range (written once:
/// <see cref="OllamaConnectionOptions.Inconsistencies"/>).
/// </summary>
internal sealed class OllamaStreamingOptionsConsistencyValidator : IValidateOptions<OllamaStreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, OllamaStreamingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Inconsistencies().ToList();
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
