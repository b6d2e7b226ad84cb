using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>The final chunk's figures, measured on the fake's own clock (integer nanoseconds).</summary>
internal readonly record struct FinalChunkMetrics(
    long TotalNs,
    long LoadNs,
    int PromptEvalCount,
    long PromptEvalNs,
    int EvalCount,
    long EvalNs)
{
    public void CopyTo(IGenerationMetrics target)
    {
        target.TotalDuration = TotalNs;
        target.LoadDuration = LoadNs;
        target.PromptEvalCount = PromptEvalCount;
        target.PromptEvalDuration = PromptEvalNs;
        target.EvalCount = EvalCount;
        target.EvalDuration = EvalNs;
    }
}
