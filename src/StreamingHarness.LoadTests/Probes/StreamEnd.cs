namespace StreamingHarness.LoadTests.Probes;

/// <summary>How a well-formed stream ended: its terminal chunk, or an in-band error (with the server's message).</summary>
internal readonly record struct StreamEnd(string? Error)
{
    public static StreamEnd Done => default;

    public static StreamEnd Failed(string error) => new(error);
}
