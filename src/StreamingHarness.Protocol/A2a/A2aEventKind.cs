namespace StreamingHarness.Protocol.A2a;

/// <summary>What one streamed A2A payload is.</summary>
public enum A2aEventKind
{
    /// <summary>A result of no kind this reader knows.</summary>
    Unknown,
    Task,
    Message,
    StatusUpdate,
    ArtifactUpdate,

    /// <summary>A JSON-RPC <c>error</c> instead of a result.</summary>
    Error,
}
