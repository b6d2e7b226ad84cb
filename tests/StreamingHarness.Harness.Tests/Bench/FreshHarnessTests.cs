using System.Net;
using Shouldly;
using StreamingHarness.Harness.Bench;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>The fresh harness's two windows on the floor, and how the bench reads them back.</summary>
public sealed class FreshHarnessTests
{
    [Fact]
    public async Task RunAsync_OnTheFloor_PrintsAColdAndAWarmWindowTheBenchReadsBack()
    {
        var port = FreePort.Next();
        var floor = new FloorServer(new BenchText(100_000), TimeSpan.FromMilliseconds(20));
        new Thread(() => floor.Run(port)) { IsBackground = true }.Start();
        await Eventually.WaitUntilAsync(() => FloorListens(port), "the floor listens");
        using var output = new StringWriter();

        var code = await FreshHarness.RunAsync(
            new IPEndPoint(IPAddress.Loopback, port), streams: 2, TimeSpan.FromSeconds(1), output, CancellationToken.None);

        code.ShouldBe(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(line => line.Split('\t')[0]).ShouldBe(["startup", "cold", "warm"]);
        var (cold, warm, startup) = FreshHarness.Parse(output.ToString());
        cold.Tokens.ShouldBeGreaterThan(0);
        warm.Tokens.ShouldBeGreaterThan(0);
        // No bound on the window's length or CPU: a timer may end it a tick early, and the CPU counter has 10 ms ticks.
        cold.Elapsed.ShouldBeGreaterThan(TimeSpan.Zero);
        startup.Wall.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void Parse_AllLines_ReadsTokensAndMicroseconds()
    {
        var (cold, warm, startup) = FreshHarness.Parse(
            "some log line\nstartup\t310000\t250000\ncold\t100\t2000000\t5000\nwarm\t120\t2000500\t2400\n");

        cold.ShouldBe(new BenchSample(100, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(5), TimeSpan.Zero));
        warm.ShouldBe(new BenchSample(120, TimeSpan.FromMicroseconds(2_000_500), TimeSpan.FromMicroseconds(2400), TimeSpan.Zero));
        startup.ShouldBe(new HarnessStartup(TimeSpan.FromMilliseconds(310), TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public void Parse_NoWarmLine_ThrowsWithWhatWasPrinted()
    {
        var error = Should.Throw<InvalidOperationException>(() => FreshHarness.Parse("cold\t100\t2000000\t5000\n"));

        error.Message.ShouldBe("bench-probes printed no cold and warm samples: cold\t100\t2000000\t5000\n");
    }

    [Fact]
    public void Parse_NoStartupLine_ThrowsWithWhatWasPrinted()
    {
        var printed = "cold\t100\t2000000\t5000\nwarm\t120\t2000500\t2400\n";

        var error = Should.Throw<InvalidOperationException>(() => FreshHarness.Parse(printed));

        error.Message.ShouldBe("bench-probes printed no startup line: " + printed);
    }

    private static bool FloorListens(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
