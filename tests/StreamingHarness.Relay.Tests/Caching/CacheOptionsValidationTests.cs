using Shouldly;
using StreamingHarness.Relay.Caching;

namespace StreamingHarness.Relay.Tests.Caching;

public sealed class CacheOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_SucceedWithTheCacheOff()
    {
        var options = new RelayOptions();

        options.Cache.Enabled.ShouldBeFalse();
        new RelayOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        new CacheOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_OutOfRange_NamesTheSettingAndTheRange()
    {
        var options = new RelayOptions();
        options.Cache.MaxEntries = 0;
        options.Cache.MaxBytes = 1024;
        options.Cache.MaxEntryBytes = 512;
        options.Cache.Ttl = TimeSpan.FromDays(8);

        var failures = new RelayOptionsValidator().Validate(null, options).Failures!.ToList();

        failures.ShouldContain(f => Names(f, "RelayOptions.Cache.MaxEntries", "1000000"));
        failures.ShouldContain(f => Names(f, "RelayOptions.Cache.MaxBytes", "65536"));
        failures.ShouldContain(f => Names(f, "RelayOptions.Cache.MaxEntryBytes", "1024"));
        failures.ShouldContain(f => Names(f, "RelayOptions.Cache.Ttl", "7.00:00:00"));
    }

    private static bool Names(string failure, string setting, string limit) =>
        failure.Contains(setting, StringComparison.Ordinal) && failure.Contains(limit, StringComparison.Ordinal);

    [Fact]
    public void Validate_InconsistentSettings_ExplainEachRule()
    {
        var options = new RelayOptions();
        options.Cache.MaxBytes = 100_000;
        options.Cache.MaxEntryBytes = 200_000;
        options.Cache.Redis = "abortConnect=maybe";

        new CacheOptionsValidator().Validate(null, options).Failures.ShouldBe(
        [
            "Relay:Cache:MaxEntryBytes (200000) must not exceed Relay:Cache:MaxBytes (100000).",
            "Relay:Cache:Redis is not a Redis connection string: "
                + "Keyword 'abortConnect' requires a boolean value; the value 'maybe' is not recognised. (Parameter 'abortConnect')",
        ]);
    }

    [Fact]
    public void Validate_RedisWithoutServer_SaysWhatIsExpected()
    {
        var options = new RelayOptions();
        options.Cache.Redis = "ssl=true";

        new CacheOptionsValidator().Validate(null, options).Failures
            .ShouldBe(["Relay:Cache:Redis names no server; got 'ssl=True' (expected e.g. '127.0.0.1:6379')."]);
    }

    [Fact]
    public void Validate_RedisWithPasswordWithoutServer_MasksThePassword()
    {
        var options = new RelayOptions();
        options.Cache.Redis = "password=hunter2-secret,ssl=true";

        new CacheOptionsValidator().Validate(null, options).Failures
            .ShouldBe(["Relay:Cache:Redis names no server; got 'password=*****,ssl=True' (expected e.g. '127.0.0.1:6379')."]);
    }
}
