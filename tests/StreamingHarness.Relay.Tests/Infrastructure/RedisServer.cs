using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian package <c>redis-server</c>, which CI installs) on a free loopback port, with no
/// persistence and its working folder in a temp folder; stopped and removed on dispose. Missing binary: the test
/// fails and says how to install it, it is never skipped.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;

    private RedisServer(Process process, TempFolder folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string for <c>Relay:Cache:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not on PATH. Install the Debian package: 'apt-get install -y redis-server' "
            + "(.ci/run does this in CI). The Redis cache tests need a real server and are not skipped without one.");
        var folder = new TempFolder();
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", $"{port}", "--bind", "127.0.0.1", "--dir", folder.Path, "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        try
        {
            await Eventually.WaitUntilAsync(
                () => process.HasExited ? throw new InvalidOperationException($"redis-server exited: {Read(output)}") : server.Answers(),
                $"redis-server answers PING on port {port}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
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

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
