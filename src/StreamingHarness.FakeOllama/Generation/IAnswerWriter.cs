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

    ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics);
}
