using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// Garnet, Microsoft's Redis-compatible server, in this process (NuGet <c>Microsoft.Garnet</c>) on a free loopback port,
/// memory only and small: the cache tests need no Redis installed.
/// </summary>
public sealed class GarnetServer : IRedisCompatibleServer
{
    private readonly Garnet.GarnetServer _server;

    private GarnetServer(Garnet.GarnetServer server, int port)
    {
        _server = server;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static GarnetServer Start()
    {
        var port = FreePort.Next();
        // --index, --memory and --page: a few MB instead of the defaults' hundreds, allocated when the server starts.
        var server = new Garnet.GarnetServer(
            ["--bind", "127.0.0.1", "--port", $"{port}", "--index", "1m", "--memory", "32m", "--page", "1m"]);
        try
        {
            server.Start();
            return new GarnetServer(server, port);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
