namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>What a line of the stream carries, so a fault can pick its moment.</summary>
public enum LineKind
{
    Thinking,
    Content,
    ToolCall,

    /// <summary>The <c>done:true</c> chunk, or the OpenAI finish chunk.</summary>
    Final,

    /// <summary>The OpenAI usage chunk (<c>stream_options.include_usage</c>).</summary>
    Usage,

    /// <summary>The OpenAI <c>data: [DONE]</c> terminator.</summary>
    DoneMarker,

    /// <summary>A whole non-streamed body.</summary>
    Body,

    /// <summary>A replayed recorded line that carries no token: an empty chunk, a blank or malformed line, an in-band error.</summary>
    Other,
}
