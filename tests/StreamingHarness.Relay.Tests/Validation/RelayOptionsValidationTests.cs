using Shouldly;

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
        options.Retry.MaxRetries = 11;
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
        options.Retry.MaxRetries = 11;
        options.Upstream.IdleTimeout = TimeSpan.Zero;

        var result = new RelayOptionsValidator().Validate(null, options);

        result.Failures.ShouldBe(
        [
            "IdleTimeout: Relay:Upstream:IdleTimeout must be between 00:00:00.1000000 and 01:00:00; got 00:00:00.",
            "MaxRetries: Relay:Retry:MaxRetries must be between 0 and 10; got 11.",
        ]);
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
        options.Upstream.BaseUrl = new Uri("ftp://127.0.0.1/");
        options.Upstream.IdleTimeout = TimeSpan.FromHours(1);
        options.Upstream.TotalTimeout = TimeSpan.FromMinutes(1);
        options.Auth.ApiKeys.Add("short");
        options.Telemetry.OtlpEndpoint = new Uri("collector:4317", UriKind.RelativeOrAbsolute);

        var result = new RelayOptionsConsistencyValidator().Validate(null, options);

        result.Failures.ShouldBe(
        [
            "Relay:Upstream:BaseUrl must be an absolute http:// or https:// address; got 'ftp://127.0.0.1/'.",
            "Relay:Telemetry:OtlpEndpoint must be an absolute http:// or https:// address; got 'collector:4317'.",
            "Relay:Upstream:FirstTokenTimeout (00:05:00) must not exceed Relay:Upstream:TotalTimeout (00:01:00).",
            "Relay:Upstream:IdleTimeout (01:00:00) must not exceed Relay:Upstream:TotalTimeout (00:01:00).",
            "Relay:Auth:ApiKeys:0 must be at least 16 characters without surrounding spaces.",
        ]);
    }
}
