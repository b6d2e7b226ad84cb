namespace StreamingHarness.Protocol.A2a;

/// <summary>Task states on the wire: v1.0 spells them <c>TASK_STATE_COMPLETED</c>, v0.3 <c>completed</c>.</summary>
public static class A2aTaskStates
{
    public const string Submitted = "TASK_STATE_SUBMITTED";
    public const string Working = "TASK_STATE_WORKING";
    public const string Completed = "TASK_STATE_COMPLETED";
    public const string Failed = "TASK_STATE_FAILED";
    public const string Canceled = "TASK_STATE_CANCELED";
    public const string Rejected = "TASK_STATE_REJECTED";
    public const string InputRequired = "TASK_STATE_INPUT_REQUIRED";
    public const string AuthRequired = "TASK_STATE_AUTH_REQUIRED";

    /// <summary>A state as a version spells it: v1.0 <c>TASK_STATE_WORKING</c>, v0.3 <c>working</c>.</summary>
    public static string Of(A2aTaskState state, bool legacy) => state switch
    {
        A2aTaskState.Submitted => legacy ? "submitted" : Submitted,
        A2aTaskState.Working => legacy ? "working" : Working,
        A2aTaskState.Completed => legacy ? "completed" : Completed,
        A2aTaskState.Failed => legacy ? "failed" : Failed,
        A2aTaskState.Canceled => legacy ? "canceled" : Canceled,
        A2aTaskState.Rejected => legacy ? "rejected" : Rejected,
        A2aTaskState.InputRequired => legacy ? "input-required" : InputRequired,
        A2aTaskState.AuthRequired => legacy ? "auth-required" : AuthRequired,
        _ => legacy ? "unknown" : "TASK_STATE_UNSPECIFIED",
    };
}
