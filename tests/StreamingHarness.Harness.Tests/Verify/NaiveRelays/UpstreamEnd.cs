namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// How the upstream stream ended, as the (possibly defective) relay understood it: a complete answer (with or
/// without the upstream's own <c>done:true</c> line), an error to pass on (with the upstream's status when it
/// refused the request), or a client that left.
/// </summary>
internal readonly record struct UpstreamEnd(bool Completed, string? Error, bool UpstreamDone = false, int Status = 200)
{
    public static UpstreamEnd ClientGone => default;

    public bool IsClientGone => !Completed && Error is null;

    public static UpstreamEnd Complete(bool upstreamDone) => new(true, null, upstreamDone);

    public static UpstreamEnd Failed(string error, int status = 200) => new(false, error, false, status);
}
