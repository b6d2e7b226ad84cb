namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// OpenAI's <c>finish_reason</c> as Ollama's <c>done_reason</c>. Ollama keeps <c>stop</c> after tool calls (only its
/// OpenAI layer says <c>tool_calls</c>), so <c>tool_calls</c> and <c>function_call</c> become <c>stop</c>; any other
/// reason (<c>content_filter</c>, ...) is passed on as it is.
/// </summary>
internal static class OpenAiFinishReason
{
    public static readonly byte[] Stop = "stop"u8.ToArray();
    private static readonly byte[] Length = "length"u8.ToArray();

    public static byte[] ToDoneReason(ReadOnlySpan<byte> finishReason) =>
        finishReason.SequenceEqual("stop"u8) || finishReason.SequenceEqual("tool_calls"u8) || finishReason.SequenceEqual("function_call"u8)
            ? Stop
            : finishReason.SequenceEqual("length"u8) ? Length : finishReason.ToArray();
}
