using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.IO;

namespace StreamingHarness.Harness.Verify;

/// <summary>A profile's probe whose body reads wait on <paramref name="gate"/>: the client stops reading while it is closed.</summary>
internal sealed class PausingProbe(IStreamProbe inner, ReadGate gate) : IStreamProbe
{
    public string Description => inner.Description;

    public HttpRequestMessage CreateRequest(string model) => inner.CreateRequest(model);

    /// <summary>The inner probe's: the executor then wraps the body once or not at all, and each byte is counted once.</summary>
    public bool StampsReads => inner.StampsReads;

    public ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken) =>
        inner.ReadAsync(new GatedStream(body, gate), timeline, cancellationToken);

    /// <summary>Waits on the gate before each read; the rest of a read-only stream is <see cref="ReadObservingStream"/>'s.</summary>
    private sealed class GatedStream(Stream body, ReadGate gate) : ReadObservingStream(body)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.WaitOpenAsync(cancellationToken).ConfigureAwait(false);
            return await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        protected override void OnRead(int bytes)
        {
        }
    }
}
