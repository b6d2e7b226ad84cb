using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Validation;

public sealed class RelayOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new RelayOptions();

        new RelayOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        new RelayOptionsConsistencyValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_OutOfRange_NamesTheSettingAndTheRange()
    {
        var options = new RelayOptions();
        options.Upstream.IdleTimeout = TimeSpan.Zero;
        options.Upstream.MaxRetries = 11;
        options.Upstream.MetadataTimeout = TimeSpan.FromMinutes(6);

        var result = new RelayOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain(
            f => f.Contains("IdleTimeout", StringComparison.Ordinal) && f.Contains("00:00:00.1", StringComparison.Ordinal));
        result.Failures.ShouldContain(
            f => f.Contains("MaxRetries", StringComparison.Ordinal) && f.Contains("10", StringComparison.Ordinal));
        result.Failures.ShouldContain(
            f => f.Contains("MetadataTimeout", StringComparison.Ordinal) && f.Contains("00:05:00", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OutOfRange_ShowsTheValueSet()
    {
        var options = new RelayOptions();
        options.RateLimits.BurstRequests = 0;
        options.Streaming.CoalesceWindow = TimeSpan.FromSeconds(6);

        var failures = new RelayOptionsValidator().Validate(null, options).Failures!;

        // The value itself is added at start-up, where the configuration is known (StartupConfigurationTests).
        failures.ShouldContain("BurstRequests: The field RelayOptions.RateLimits.BurstRequests must be between 1 and 1000000.");
        failures.ShouldContain(
            "CoalesceWindow: The field RelayOptions.Streaming.CoalesceWindow must be between 00:00:00 and 00:00:05.");
    }

    [Fact]
    public void Validate_OtlpEndpointSet_Succeeds()
    {
        var options = new RelayOptions();
        options.Telemetry.OtlpEndpoint = new Uri("http://127.0.0.1:4317");

        new RelayOptionsConsistencyValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_InconsistentSettings_ExplainEachRule()
    {
        var options = new RelayOptions();
        options.Upstream.BaseAddress = new Uri("ftp://127.0.0.1/");
        options.Upstream.IdleTimeout = TimeSpan.FromHours(1);
        options.Upstream.TotalTimeout = TimeSpan.FromMinutes(1);
        options.Auth.ApiKeys.Add("short");
        options.Telemetry.OtlpEndpoint = new Uri("collector:4317", UriKind.RelativeOrAbsolute);

        var result = new RelayOptionsConsistencyValidator().Validate(null, options);

        result.Failures.ShouldBe(
        [
            "Relay:Upstream:BaseAddress must be an absolute http:// or https:// address; got 'ftp://127.0.0.1/'.",
            "Relay:Upstream:FirstTokenTimeout (00:05:00) must not exceed Relay:Upstream:TotalTimeout (00:01:00).",
            "Relay:Upstream:IdleTimeout (01:00:00) must not exceed Relay:Upstream:TotalTimeout (00:01:00).",
            "Relay:Telemetry:OtlpEndpoint must be an absolute http:// or https:// address; got 'collector:4317'.",
            "Relay:Auth:ApiKeys:0 (<masked, 5 characters>) must be at least 16 characters without surrounding spaces.",
        ]);
    }

    /// <summary>One range for the client and the relay: the first-token timeout may be as short as 100 ms (it was 1 s here).</summary>
    [Fact]
    public void Validate_FirstTokenTimeoutOf100Ms_IsTheClientsMinimum()
    {
        var options = new RelayOptions();
        options.Upstream.FirstTokenTimeout = TimeSpan.FromMilliseconds(100);

        new RelayOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.Upstream.FirstTokenTimeout = TimeSpan.FromMilliseconds(99);
        new RelayOptionsValidator().Validate(null, options).Failed.ShouldBeTrue();
    }

    [Fact]
    public async Task Bind_OldKeys_StillSetTheUpstream()
    {
        await using var relay = new RelayFactory(new Uri("http://127.0.0.1:11500/"), new Dictionary<string, string?>
        {
            ["Relay:Retry:MaxRetries"] = "7",
            ["Relay:Retry:BaseDelay"] = "00:00:00.300",
            ["Relay:Retry:MaxDelay"] = "00:00:09",
            ["Relay:Retry:MaxRetryAfter"] = "00:00:04",
        });

        var upstream = relay.Services.GetRequiredService<IOptions<RelayOptions>>().Value.Upstream;

        upstream.BaseAddress.ShouldBe(new Uri("http://127.0.0.1:11500/"), "Relay:Upstream:BaseUrl");
        (upstream.MaxRetries, upstream.RetryBaseDelay, upstream.RetryMaxDelay, upstream.MaxRetryAfter).ShouldBe(
            (7, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task Bind_OldAndNewKey_TheNewNameWins()
    {
        await using var relay = new RelayFactory(new Uri("http://127.0.0.1:11500/"), new Dictionary<string, string?>
        {
            ["Relay:Upstream:BaseAddress"] = "http://127.0.0.1:11600/",
            ["Relay:Retry:MaxRetries"] = "7",
            ["Relay:Upstream:MaxRetries"] = "1",
        });

        var upstream = relay.Services.GetRequiredService<IOptions<RelayOptions>>().Value.Upstream;

        (upstream.BaseAddress, upstream.MaxRetries).ShouldBe((new Uri("http://127.0.0.1:11600/"), 1));
    }
}
