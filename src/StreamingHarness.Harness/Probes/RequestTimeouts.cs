namespace StreamingHarness.Harness.Probes;

/// <summary>
/// One deadline per phase, as a careful streaming client sets them. Null disables a phase.
/// Headers and first token count from the send; idle counts from the last byte received; total from the send.
/// </summary>
internal sealed record RequestTimeouts(
    TimeSpan? Headers = null,
    TimeSpan? FirstToken = null,
    TimeSpan? Idle = null,
    TimeSpan? Total = null)
{
    public static RequestTimeouts Default { get; } = new(
        Headers: TimeSpan.FromSeconds(60),
        FirstToken: TimeSpan.FromSeconds(120),
        Idle: TimeSpan.FromSeconds(30),
        Total: TimeSpan.FromMinutes(10));
}
