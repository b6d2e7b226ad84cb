using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Verify;

/// <summary>A profile's probe whose body reads wait on <paramref name="gate"/>: the client stops reading while it is closed.</summary>
internal sealed class PausingProbe(IStreamProbe inner, ReadGate gate) : IStreamProbe
{
    public string Description => inner.Description;

    public HttpRequestMessage CreateRequest(string model) => inner.CreateRequest(model);

    public ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken) =>
        inner.ReadAsync(new GatedStream(body, gate), timeline, cancellationToken);

    private sealed class GatedStream(Stream body, ReadGate gate) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.WaitOpenAsync(cancellationToken).ConfigureAwait(false);
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("reads are asynchronous");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
