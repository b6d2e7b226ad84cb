namespace StreamingHarness.Harness.Profiles;

/// <summary>What one SSE event or ndjson line is, by a custom profile's rules.</summary>
internal enum ProfileMessageKind
{
    /// <summary>A token (with or without text: a role-only chunk is still a token message, but not a token).</summary>
    Token,

    /// <summary>The terminal: the stream ended well.</summary>
    Done,

    /// <summary>The service reported an error in-band.</summary>
    Error,

    /// <summary>Listed under <c>ignore</c>.</summary>
    Ignored,

    /// <summary>Matches no rule: the service broke its own protocol.</summary>
    Unknown,
}
