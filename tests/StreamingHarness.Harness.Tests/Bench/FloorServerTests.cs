using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shouldly;
using StreamingHarness.Harness.Bench;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>The floor answers each paced schedule with every line of the text and the end of the chunked body.</summary>
public sealed class FloorServerTests
{
    private const int Tokens = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(BenchText.PacedModel, true)]
    [InlineData(BenchText.PhasedModel, true)]
    [InlineData(BenchText.UnpacedModel, false)]
    public async Task Run_EachSchedule_SendsEveryLineThenEndsNeverEarly(string model, bool paced)
    {
        var port = FreePort.Next();
        var floor = new FloorServer(new BenchText(Tokens), Interval);

        // The floor serves until its process ends: a background thread, like bench-floor's main thread.
        new Thread(() => floor.Run(port)) { IsBackground = true }.Start();
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var request = NeutralClient.ChatRequest(endpoint, model);

        // The listener starts on that thread: read again until it is up and the stream has been read whole.
        var (lines, elapsed) = await Eventually.WaitAsync(
            () => ReadAsync(new NeutralClient(endpoint), request), read => read.Lines >= 0, "the floor answers");

        lines.ShouldBe(Tokens + 1);
        if (paced)
        {
            // A lower bound only (an absolute schedule never sends a line early), so no flaky upper threshold.
            elapsed.ShouldBeGreaterThanOrEqualTo(Interval * (Tokens - 1));
        }
    }

    private static async Task<(long Lines, TimeSpan Elapsed)> ReadAsync(NeutralClient client, byte[] request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return (await client.RunAsync(request, long.MaxValue, CancellationToken.None), Stopwatch.GetElapsedTime(started));
        }
        catch (SocketException)
        {
            return (-1, TimeSpan.Zero);
        }
    }
}
