namespace StreamingHarness.Harness.Targets;

/// <summary>What the load is sent to, and in which protocol.</summary>
internal enum TargetKind
{
    /// <summary>The fake's native <c>/api/chat</c> ndjson.</summary>
    Fake,

    /// <summary>The relay's SSE <c>/stream/chat</c>.</summary>
    Relay,

    /// <summary>The relay's ndjson pass-through <c>/api/chat</c>.</summary>
    RelayOllama,

    /// <summary><c>/v1/chat/completions</c> SSE (the fake's or any URL's).</summary>
    OpenAi,

    /// <summary>Any Ollama URL's <c>/api/chat</c>, e.g. a real Ollama.</summary>
    Ollama,
}

internal static class TargetKinds
{
    public static readonly string[] Names = ["relay", "fake", "relay-ollama", "openai", "ollama"];

    public static TargetKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fake" => TargetKind.Fake,
        "relay" => TargetKind.Relay,
        "relay-ollama" => TargetKind.RelayOllama,
        "openai" => TargetKind.OpenAi,
        "ollama" => TargetKind.Ollama,
        _ => throw new FormatException($"target '{text}' is not one of {string.Join(", ", Names)}."),
    };

    public static string Name(this TargetKind kind) => Names[kind switch
    {
        TargetKind.Relay => 0,
        TargetKind.Fake => 1,
        TargetKind.RelayOllama => 2,
        TargetKind.OpenAi => 3,
        _ => 4,
    }];

    public static bool NeedsRelay(this TargetKind kind) => kind is TargetKind.Relay or TargetKind.RelayOllama;
}
