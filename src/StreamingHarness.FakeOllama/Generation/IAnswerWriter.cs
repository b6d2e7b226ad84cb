using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// One API's way of putting an answer on the wire (native chat, native generate, OpenAI chat), streamed or buffered.
/// Every method returns false when the stream has to stop (client gone, or a fault ended it).
/// </summary>
internal interface IAnswerWriter
{
    ValueTask<bool> ThinkingAsync(string token);

    ValueTask<bool> ContentAsync(string token);

    ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id);

    /// <summary>
    /// Calls that ride on the final chunk (<see cref="ToolCallPath.Native"/>, <see cref="ToolCallPath.Generate"/>),
    /// given just before <see cref="FinishAsync"/>. By default each is written like a streamed call, which is how
    /// Ollama's OpenAI layer splits such a final chunk (a tool-call delta, then the finish chunk).
    /// </summary>
    async ValueTask<bool> FinalToolCallsAsync(IReadOnlyList<(ToolCallSpec Call, string? Id)> calls)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            if (!await ToolCallAsync(calls[i].Call, i, calls[i].Id ?? "").ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics);
}
