namespace StreamingHarness.Client.Events;

public enum OllamaStreamEventKind
{
    /// <summary>Answer text: one token, or several merged by the coalescing window.</summary>
    Token,

    /// <summary>Reasoning text of a thinking model, before the answer.</summary>
    Thinking,

    /// <summary>One whole tool call (Ollama never splits them).</summary>
    ToolCall,

    /// <summary>The last event of a whole stream, with Ollama's counts and durations.</summary>
    Done,
}
