using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>reasoning.effort</c> (or else <c>reasoning_effort</c>) as Ollama's middleware maps it to <c>think</c>
/// (<c>openai/openai.go</c>, thinkFromReasoningEffort): none is false, minimal low, xhigh and ultra max.
/// </summary>
internal static class ReasoningEfforts
{
    /// <summary>False with Ollama's 400 message for an effort it does not know.</summary>
    public static bool TryMap(ChatCompletionRequest body, out bool? think, out string? level, out string? error)
    {
        var effort = body.Reasoning is { } reasoning ? reasoning.Effort ?? "" : body.ReasoningEffort ?? "";
        (think, level, error) = effort switch
        {
            "" => ((bool?)null, (string?)null, (string?)null),
            "none" => (false, null, null),
            "minimal" => (true, "low", null),
            "low" or "medium" or "high" or "max" => (true, effort, null),
            "xhigh" or "ultra" => (true, "max", null),
            _ => (null, null,
                $"invalid reasoning value: {GoQuote.Of(effort)} "
                + "(must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")"),
        };
        return error is null;
    }
}
