using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Caching;

public sealed class RedisServersTests
{
    [Fact]
    public void Available_NoRedisServerOutsideCi_IsGarnetAlone() =>
        RedisServers.Available(_ => null, _ => null).ShouldBe([RedisServers.Garnet]);

    [Fact]
    public void Available_RedisServerOnPath_AddsIt() =>
        RedisServers.Available(_ => null, name => "/usr/bin/" + name).ShouldBe([RedisServers.Garnet, RedisServers.Redis]);

    [Fact]
    public void Available_UnderCiWithoutRedisServer_AddsItSoItsAbsenceFails() =>
        RedisServers.Available(v => v == "CI" ? "true" : null, _ => null).ShouldBe([RedisServers.Garnet, RedisServers.Redis]);
}
