using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// One line of a recorded body exactly as it arrived (its <c>\n</c> included; a torn last line has none; an SSE event
/// keeps its blank line), when its last byte arrived, in milliseconds since the request arrived, and what it carries.
/// </summary>
public sealed record RecordedLine(double AtMs, byte[] Bytes, LineKind Kind)
{
    public bool IsToken => Kind is LineKind.Thinking or LineKind.Content;
}
