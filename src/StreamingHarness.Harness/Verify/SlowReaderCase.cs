using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// <c>slow-reader</c>: backpressure. The client, with a small receive buffer, reads <see cref="TokensBeforePause"/>
/// tokens and stops reading while the fake sends a large answer as fast as it can. The pause lasts until the fake's
/// writes stop growing for <see cref="Plateau"/> over at least <see cref="StillPolls"/> readings of its journal (the
/// service pushes back; one long gap between readings, a GC pause, is not a plateau) or the fake finished (it did
/// not push back), at most <see cref="MaxPause"/>. Then the client reads the rest, which must be the fake's text, intact.
/// </summary>
internal sealed class SlowReaderCase(IStreamProbe probe, FakeControl fake, VerifySettings settings, string scenario)
{
    public const int TokensBeforePause = 3;

    public static readonly TimeSpan Plateau = TimeSpan.FromMilliseconds(750);

    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(15);

    public const int StillPolls = 5;

    private Socket? _socket;

    public async Task<CaseRun> RunAsync(CancellationToken cancellationToken)
    {
        var expected = await fake.AnswerAsync(settings.Model, settings.Prompt, cancellationToken).ConfigureAwait(false);
        await fake.SelectAsync(scenario, cancellationToken).ConfigureAwait(false);
        using var client = CreateSlowClient();
        var gate = new ReadGate();
        var collector = new TokenCollector(TokensBeforePause, gate.Close);
        var timeouts = settings.Timeouts with { Idle = settings.Timeouts.Idle + MaxPause };
        var sending = VerifyRunner.ObserveAsync(
            client, new PausingProbe(probe, gate), timeouts, collector, settings.Model, cancellationToken, cancellationToken);
        await Task.WhenAny(gate.Closed, sending).ConfigureAwait(false);
        var paused = gate.Closed.IsCompleted ? await PauseAsync(cancellationToken).ConfigureAwait(false) : null;
        WidenReceiveBuffer();
        gate.Open();
        var seen = await sending.ConfigureAwait(false);
        return Judge(seen, paused, expected);
    }

    private static CaseRun Judge(Observation seen, JournalRecord? upstream, string expected)
    {
        var bound = SocketBuffers.Bound();
        if (upstream is null)
        {
            return new CaseRun($"the client could not pause at token {TokensBeforePause}: {seen.Describe()}", seen.Describe(), seen.Tokens);
        }

        var written = upstream.BytesWritten;
        var during = $"while the client paused after {TokensBeforePause} tokens the upstream wrote {Mb(written)}";
        var run = new CaseRun(null, during, seen.Tokens, seen) { UpstreamBytesDuringPause = written };
        if (upstream.Ending == StreamEnding.Completed)
        {
            return run with
            {
                Failure = $"unbounded: the service read the whole {Mb(written)} answer from the upstream while its client was not reading",
            };
        }

        if (written > bound)
        {
            return run with
            {
                Failure = $"unbounded: the upstream wrote {Mb(written)} while the client was not reading, more than the {Mb(bound)} "
                    + "the kernel's socket buffers and the service's own can hold",
            };
        }

        if (seen.IsExplicitFailure)
        {
            return run with { Observed = $"{during}; then the service ended the stream: {seen.Describe()}" };
        }

        if (!seen.Outcome.IsOk)
        {
            return run with { Failure = "after the pause: " + seen.Describe(), Observed = during };
        }

        var text = VerdictJudge.Whole(seen, expected);
        return text is null
            ? run with { Observed = $"pushed back: {during} (bound {Mb(bound)}); then {seen.Describe()}, the text intact" }
            : run with { Failure = "after the pause: " + text };
    }

    /// <summary>Watches the fake's journal while the client does not read; returns the stream's entry as the pause ended.</summary>
    private async Task<JournalRecord?> PauseAsync(CancellationToken cancellationToken)
    {
        var pause = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        JournalRecord? latest = null;
        var stillPolls = 0;
        while (pause.Elapsed < MaxPause)
        {
            var entry = VerifyRunner.Streams(await fake.JournalAsync(cancellationToken).ConfigureAwait(false)).LastOrDefault();
            if (entry is not null)
            {
                if (entry.BytesWritten != latest?.BytesWritten)
                {
                    still.Restart();
                    stillPolls = 0;
                }
                else
                {
                    stillPolls++;
                }

                latest = entry;
                if (entry.IsFinished || (still.Elapsed >= Plateau && stillPolls >= StillPolls))
                {
                    break;
                }
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return latest;
    }

    /// <summary>
    /// The small receive buffer holds the pause's slack down, but read through it the rest of the answer crawls: segments
    /// larger than the buffer are dropped and sent again a retransmission timeout later (about 150 KB/s on loopback, 5
    /// minutes for slow-reader's answer). Once the pause is judged the client reads with a large one.
    /// </summary>
    private void WidenReceiveBuffer()
    {
        if (Volatile.Read(ref _socket) is { } socket)
        {
            try
            {
                socket.ReceiveBufferSize = SocketBuffers.ClientResumeBuffer;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The connection is gone: the read after the pause reports it.
            }
        }
    }

    /// <summary>verify's client with a small receive buffer (which also stops Linux growing it) for the pause.</summary>
    private HttpClient CreateSlowClient() => new(new SocketsHttpHandler
    {
        MaxResponseDrainSize = 0,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
                ReceiveBufferSize = SocketBuffers.ClientReceiveBuffer,
            };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _socket, socket);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = Timeout.InfiniteTimeSpan };

    private static string Mb(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
