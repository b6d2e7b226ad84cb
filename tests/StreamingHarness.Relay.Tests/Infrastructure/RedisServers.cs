using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// The Redis-protocol servers the cache tests run against: Garnet always (in process, nothing to install), and a real
/// <c>redis-server</c> where one is on PATH or under CI (which installs it), so both stay covered.
/// </summary>
public static class RedisServers
{
    public const string Garnet = "garnet";
    public const string Redis = "redis-server";

    public static IReadOnlyList<string> Available(Func<string, string?> environment, Func<string, string?> findOnPath) =>
        findOnPath(Redis) is not null || string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? [Garnet, Redis]
            : [Garnet];

    public static IReadOnlyList<string> Available() => Available(Environment.GetEnvironmentVariable, ServerProcess.FindOnPath);

    public static async Task<IRedisCompatibleServer> StartAsync(string name) => name switch
    {
        Garnet => GarnetServer.Start(),
        Redis => await RedisServer.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown Redis-protocol server"),
    };
}
