using Shouldly;

namespace StreamingHarness.Tool.Tests;

public sealed class RelaySettingsTests
{
    [Fact]
    public void FromFlags_MapsEachFlagToItsConfigurationKey()
    {
        var settings = RelaySettings.FromFlags(
            "http://127.0.0.1:9000", "http://127.0.0.1:11500", ["key-one-0123456789", "key-two-0123456789"], noRateLimits: true);

        settings.ShouldBe(
        [
            "--urls=http://127.0.0.1:9000",
            "--Relay:Upstream:BaseUrl=http://127.0.0.1:11500",
            "--Relay:Auth:ApiKeys:0=key-one-0123456789",
            "--Relay:Auth:ApiKeys:1=key-two-0123456789",
            "--Relay:RateLimits:Enabled=false",
        ]);
    }

    [Fact]
    public void FromFlags_NoFlags_SetsNothing()
    {
        RelaySettings.FromFlags(null, null, [], false).ShouldBeEmpty();
    }

    [Fact]
    public void Check_SettingsInBothForms_AreAccepted()
    {
        RelaySettings.Check(["--Relay:Upstream:IdleTimeout=00:00:02", "--Relay:Retry:MaxRetries", "0"]).ShouldBeNull();
    }

    [Theory]
    [InlineData("--upstrem")]
    [InlineData("Relay:Retry:MaxRetries=0")]
    public void Check_NeitherAFlagNorASetting_IsNamed(string token)
    {
        RelaySettings.Check([token]).ShouldBe(
            $"'{token}' is neither an option of relay (see --help) nor a setting such as --Relay:Upstream:IdleTimeout=00:00:02.");
    }

    [Fact]
    public void Check_ASettingWithoutValue_IsNamed()
    {
        RelaySettings.Check(["--Relay:Retry:MaxRetries"]).ShouldBe(
            "the setting --Relay:Retry:MaxRetries has no value: give --Relay:Retry:MaxRetries=<value>.");
    }
}
