using StreamingHarness.Harness.Measurement;
using StreamingHarness.Protocol.IO;

namespace StreamingHarness.Harness.Probes;

/// <summary>
/// Wraps a response body to stamp the first byte and count bytes as reads complete, before any parsing, so time to
/// first byte and bytes received do not depend on the protocol reader on top.
/// </summary>
internal sealed class TimingReadStream(Stream inner, RequestTimeline timeline) : ReadObservingStream(inner)
{
    protected override void OnRead(int bytes) => timeline.OnBytes(timeline.Now, bytes);
}
