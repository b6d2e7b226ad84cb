namespace StreamingHarness.Harness.Measurement;

/// <summary>Which deadline a request missed: each phase of a stream has its own, as a careful client sets them.</summary>
internal enum TimeoutPhase
{
    None,
    Headers,
    FirstToken,
    Idle,
    Total,
}

internal static class TimeoutPhaseExtensions
{
    public static string Label(this TimeoutPhase phase) => phase switch
    {
        TimeoutPhase.Headers => "headers",
        TimeoutPhase.FirstToken => "first_token",
        TimeoutPhase.Idle => "idle",
        TimeoutPhase.Total => "total",
        _ => "none",
    };
}
