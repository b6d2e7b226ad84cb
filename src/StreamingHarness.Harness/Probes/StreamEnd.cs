namespace StreamingHarness.Harness.Probes;

/// <summary>
/// How a well-formed stream ended: its terminal chunk, or an in-band error with the server's message and, when the
/// protocol has one (the relay's <c>error</c> event), its code.
/// </summary>
internal readonly record struct StreamEnd(string? Error, string? Code = null)
{
    public static StreamEnd Done => default;

    public static StreamEnd Failed(string error, string? code = null) => new(error, code);
}
