namespace StreamingHarness.Protocol.Anthropic;

/// <summary>The Messages stream's event types that Ollama sends (never <c>ping</c>, never <c>error</c>).</summary>
public static class AnthropicEventTypes
{
    public const string MessageStart = "message_start";
    public const string ContentBlockStart = "content_block_start";
    public const string ContentBlockDelta = "content_block_delta";
    public const string ContentBlockStop = "content_block_stop";
    public const string MessageDelta = "message_delta";
    public const string MessageStop = "message_stop";

    /// <summary>Sent by Anthropic, not by Ollama.</summary>
    public const string Ping = "ping";

    /// <summary>Sent by Anthropic on a mid-stream failure, not by Ollama (its stream just stops).</summary>
    public const string Error = "error";
}
