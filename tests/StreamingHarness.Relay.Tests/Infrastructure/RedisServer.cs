using System.Net.Sockets;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Prerequisites;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian package <c>redis-server</c>, which CI installs) on a free loopback port, with no
/// persistence and its working folder in a temp folder; stopped and removed on dispose. Missing binary (asked for only
/// under CI, see <see cref="RedisServers"/>): the test fails with one line saying how to install it.
/// </summary>
public sealed class RedisServer : IRedisCompatibleServer
{
    private readonly ServerProcess _process;
    private readonly TempFolder _folder;

    private RedisServer(ServerProcess process, TempFolder folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = ServerProcess.FindOnPath("redis-server") ?? throw new MissingPrerequisiteException(
            "redis-server is not on PATH, and CI=true asks for it: install it with `apt-get install -y redis-server` "
            + "(.ci/run does); outside CI the cache tests run against Garnet alone.");
        var folder = new TempFolder();
        var port = FreePort.Next();
        try
        {
            var process = await ServerProcess.StartAsync(
                binary,
                ["--port", $"{port}", "--bind", "127.0.0.1", "--dir", folder.Path, "--save", "", "--appendonly", "no"],
                () => Task.FromResult(Answers(port)),
                $"redis-server answers PING on port {port}");
            return new RedisServer(process, folder, port);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _folder.Dispose();
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var reply = new byte[7];
            return stream.Read(reply) == 7 && reply.AsSpan().SequenceEqual("+PONG\r\n"u8);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
