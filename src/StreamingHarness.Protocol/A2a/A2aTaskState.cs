namespace StreamingHarness.Protocol.A2a;

/// <summary>A task state, whichever version spelled it (<c>TASK_STATE_FAILED</c> or <c>failed</c>).</summary>
public enum A2aTaskState
{
    None,
    Submitted,
    Working,
    Completed,
    Failed,
    Canceled,
    Rejected,
    InputRequired,
    AuthRequired,
    Unknown,
}
