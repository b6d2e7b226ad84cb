using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// What a fault may do to the stream it is part of (<c>Pipeline/ResponseStream</c> implements it): the faults depend on
/// this, not on the writer that runs them, so the writer can call the faults without a cycle between the two.
/// </summary>
public interface IFaultTarget
{
    StreamFraming Framing { get; }

    int TokensDelivered { get; }

    bool HeadersSent { get; }

    /// <summary>Writes bytes as they are (a fault's own framing); false when the client has gone.</summary>
    ValueTask<bool> WriteRawAsync(ReadOnlyMemory<byte> bytes, bool flush);

    /// <summary>Sends the status line and headers now, with another content type when given.</summary>
    void SendHeaders(string? contentType = null);

    void MarkDisconnected();

    /// <summary>Nothing more is written; the journal records <paramref name="ending"/> and <paramref name="detail"/>.</summary>
    void EndWith(StreamEnding ending, string detail);
}
