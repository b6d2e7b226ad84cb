namespace StreamingHarness.Protocol.Relay;

/// <summary>The <c>event:</c> names of the relay's SSE contract. Exactly one of done/error ends a stream.</summary>
public static class RelayEventTypes
{
    public const string Start = "start";
    public const string Token = "token";
    public const string ToolCall = "tool_call";
    public const string Done = "done";
    public const string Error = "error";
}
