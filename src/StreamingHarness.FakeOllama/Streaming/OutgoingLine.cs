namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>
/// One line about to be written, already framed: for ndjson the JSON plus <c>\n</c>, for SSE <c>data: …\n\n</c>.
/// <see cref="Bytes"/> is only valid during the fault call that receives it.
/// </summary>
/// <param name="Kind">What the line carries.</param>
/// <param name="Bytes">The exact bytes the stream will write if no fault intervenes.</param>
/// <param name="TokensBefore">Tokens already delivered before this line (the index of this token for token lines).</param>
public readonly record struct OutgoingLine(LineKind Kind, ReadOnlyMemory<byte> Bytes, int TokensBefore)
{
    public bool IsToken => Kind is LineKind.Thinking or LineKind.Content;
}
