namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// What <see cref="A2aEventScanner"/> found in one payload: its kind, the task state it reports, how many non-empty
/// text parts an artifact update or message carries, v0.3's <c>final</c> flag, and, for a status or an error, the
/// words a reader shows (allocated only then).
/// </summary>
public readonly record struct A2aStreamEvent(
    A2aEventKind Kind,
    A2aTaskState State,
    int TextParts,
    bool Final,
    long? ErrorCode,
    string? Message)
{
    /// <summary>The stream is over after this event: a message, a terminal or interrupted state, or v0.3's final flag.</summary>
    public bool EndsStream => Kind is A2aEventKind.Message or A2aEventKind.Error || Final
        || State is A2aTaskState.Completed or A2aTaskState.Failed or A2aTaskState.Canceled or A2aTaskState.Rejected
            or A2aTaskState.InputRequired or A2aTaskState.AuthRequired;
}
