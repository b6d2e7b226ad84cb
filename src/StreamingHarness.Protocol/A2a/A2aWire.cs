namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// The constants of A2A's JSON-RPC binding as <c>@a2a-js/sdk</c> 1.3.0 speaks them: the version header, the
/// streaming method of v1.0 and of the legacy v0.3, and the <c>kind</c> discriminators of v0.3 results.
/// </summary>
public static class A2aWire
{
    public const string VersionHeader = "A2A-Version";
    public const string Version = "1.0";
    public const string LegacyVersion = "0.3";

    public const string SendStreamingMessage = "SendStreamingMessage";
    public const string LegacySendStreamingMessage = "message/stream";
    public const string SendMessage = "SendMessage";
    public const string LegacySendMessage = "message/send";
    public const string GetTask = "GetTask";
    public const string LegacyGetTask = "tasks/get";
    public const string CancelTask = "CancelTask";
    public const string LegacyCancelTask = "tasks/cancel";

    /// <summary>Where an agent publishes its card (v0.3 and v1.0).</summary>
    public const string AgentCardPath = "/.well-known/agent-card.json";

    public const string RoleUser = "ROLE_USER";
    public const string RoleAgent = "ROLE_AGENT";
    public const string LegacyRoleUser = "user";
    public const string LegacyRoleAgent = "agent";

    public const string KindMessage = "message";
    public const string KindTask = "task";
    public const string KindStatusUpdate = "status-update";
    public const string KindArtifactUpdate = "artifact-update";
    public const string KindText = "text";

    /// <summary>The SSE event name the SDK gives a JSON-RPC error sent after the stream started.</summary>
    public const string ErrorEvent = "error";
}
