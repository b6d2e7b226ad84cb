using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamingHarness.Relay.Caching;

/// <summary>The <c>Relay:Cache</c> rules beyond ranges: an entry fits the whole budget, and Redis is a valid connection string.</summary>
internal sealed class CacheOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var cache = options.Cache;
        var failures = new List<string>();
        if (cache.MaxEntryBytes > cache.MaxBytes)
        {
            failures.Add($"Relay:Cache:MaxEntryBytes ({cache.MaxEntryBytes}) must not exceed Relay:Cache:MaxBytes ({cache.MaxBytes}).");
        }

        if (cache.Redis is { } redis)
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(redis);
                if (parsed.EndPoints.Count == 0)
                {
                    // The value as it was read back, without its password: errors end up in logs.
                    var shown = parsed.ToString(includePassword: false);
                    failures.Add($"Relay:Cache:Redis names no server; got '{shown}' (expected e.g. '127.0.0.1:6379').");
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Relay:Cache:Redis is not a Redis connection string: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
