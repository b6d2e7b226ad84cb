namespace StreamingHarness.Relay.Streaming;

/// <summary>
/// What the upstream's <c>done:true</c> line said, kept until the end of the body confirms nothing follows it.
/// <paramref name="RawLine"/> is the line itself, for the pass-through.
/// </summary>
internal sealed record DoneSummary(string DoneReason, long PromptTokens, long CompletionTokens, byte[] RawLine);
