namespace StreamingHarness.Protocol.Native;

/// <summary>
/// The metrics of a final chunk. Durations are integer nanoseconds on the wire; zero values are omitted,
/// which is how Ollama keeps them off intermediate chunks.
/// </summary>
public interface IGenerationMetrics
{
    long TotalDuration { get; set; }
    long LoadDuration { get; set; }
    long PromptEvalCount { get; set; }
    long PromptEvalDuration { get; set; }
    long EvalCount { get; set; }
    long EvalDuration { get; set; }
}
