using System.Text;

namespace StreamingHarness.Client.Events;

/// <summary>
/// One event of a stream. For <see cref="OllamaStreamEventKind.Token"/> and <see cref="OllamaStreamEventKind.Thinking"/>
/// the text is <see cref="Utf8Text"/>, a view of a buffer the stream reuses: valid until you ask for the next event,
/// so reading a stream allocates nothing per token. <see cref="Text"/> decodes it into a new string.
/// </summary>
public readonly struct OllamaStreamEvent
{
    internal OllamaStreamEvent(
        OllamaStreamEventKind kind, ReadOnlyMemory<byte> utf8Text, int tokenCount, OllamaToolCall? toolCall, OllamaStreamSummary? summary)
    {
        Kind = kind;
        Utf8Text = utf8Text;
        TokenCount = tokenCount;
        ToolCall = toolCall;
        Summary = summary;
    }

    public OllamaStreamEventKind Kind { get; }

    /// <summary>The text of a token or thinking event, UTF-8, unescaped.</summary>
    public ReadOnlyMemory<byte> Utf8Text { get; }

    /// <summary>How many upstream tokens this event holds (more than 1 when coalesced).</summary>
    public int TokenCount { get; }

    /// <summary>The call, for <see cref="OllamaStreamEventKind.ToolCall"/>.</summary>
    public OllamaToolCall? ToolCall { get; }

    /// <summary>Counts and timings, for <see cref="OllamaStreamEventKind.Done"/>.</summary>
    public OllamaStreamSummary? Summary { get; }

    /// <summary>Decodes <see cref="Utf8Text"/> (allocates a string each time).</summary>
    public string Text => Encoding.UTF8.GetString(Utf8Text.Span);
}
