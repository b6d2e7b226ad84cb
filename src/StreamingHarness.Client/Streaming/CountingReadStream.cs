using StreamingHarness.Protocol.IO;

namespace StreamingHarness.Client.Streaming;

/// <summary>
/// Counts the bytes read from the body, so that when the connection breaks the reader can tell a line cut in the
/// middle (bytes read past the last complete line: <c>upstream_protocol</c>) from a break between lines.
/// </summary>
internal sealed class CountingReadStream(Stream inner) : ReadObservingStream(inner)
{
    public long BytesRead { get; private set; }

    protected override void OnRead(int bytes) => BytesRead += bytes;
}
