namespace StreamingHarness.Harness.Profiles;

/// <summary>How a custom profile's stream is cut into messages.</summary>
internal enum ProfileFraming
{
    /// <summary>Server-Sent Events: an event name (or the default <c>message</c>) and one JSON <c>data</c> each.</summary>
    Sse,

    /// <summary>One JSON object per line.</summary>
    Ndjson,
}
