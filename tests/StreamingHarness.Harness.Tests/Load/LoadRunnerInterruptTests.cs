using System.Text;
using Shouldly;
using StreamingHarness.Harness.Load;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Tests.Probes;

namespace StreamingHarness.Harness.Tests.Load;

/// <summary>
/// Ctrl+C reaches the fake and the relay as well as the harness, and a server may cut its stream before the harness's
/// own cancellation is seen by the read: that cut is the interruption, not a failure of the service under test.
/// </summary>
public sealed class LoadRunnerInterruptTests
{
    private const string TokenLine = "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n";

    [Fact]
    public async Task RunClosed_ServerCutsTheStreamAfterInterrupt_CountsItCancelledNotFailed()
    {
        var body = new CutAfterFirstLineStream(Encoding.UTF8.GetBytes(TokenLine));
        using var client = new HttpClient(new FixedBodyHandler(body));
        using var watchdog = new TimeoutWatchdog(new RequestTimeouts());
        var executor = new RequestExecutor(client, new NdjsonProbe(new ProbeRequestOptions(new Uri("http://fake.test/"))), watchdog);
        var runner = new LoadRunner(executor, ModelMix.Single("m"), HarnessClock.System);
        var phase = new PhaseRecorder("c=1", "closed", 1, 0);
        using var interrupt = new CancellationTokenSource();
        var deadline = TestContext.Current.CancellationToken;

        var run = runner.RunClosedAsync(phase, 1, new RunBounds(TimeSpan.FromMinutes(5), 1, TimeSpan.FromMinutes(1)), interrupt.Token);
        await body.WaitingForSecondRead.WaitAsync(TimeSpan.FromSeconds(30), deadline);
        await interrupt.CancelAsync();
        body.Cut();
        await run.WaitAsync(TimeSpan.FromSeconds(30), deadline);

        phase.Interrupted.ShouldBeTrue();
        phase.Outcomes.ShouldBe(new Dictionary<string, long> { ["cancelled"] = 1 });
        phase.Samples.ShouldHaveSingleItem().Outcome.ShouldBe(Outcome.Cancelled);
    }

    /// <summary>Gives one line, then a read that ignores cancellation and ends in a reset, as a socket cut by its server.</summary>
    private sealed class CutAfterFirstLineStream(byte[] firstLine) : Stream
    {
        private readonly TaskCompletionSource _secondRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _firstGiven;

        public Task WaitingForSecondRead => _secondRead.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Cut() => _cut.SetException(new IOException("Connection reset by peer"));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_firstGiven && buffer.IsEmpty)
            {
                return ValueTask.FromResult(0);
            }

            if (!_firstGiven)
            {
                _firstGiven = true;
                firstLine.CopyTo(buffer);
                return ValueTask.FromResult(firstLine.Length);
            }

            _secondRead.TrySetResult();
            return new ValueTask<int>(_cut.Task);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
