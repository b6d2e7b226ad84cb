namespace StreamingHarness.Harness.Verify;

/// <summary>What a robust service must show a client for a case; <see cref="VerifyCatalog.Describe"/> says it in words.</summary>
internal enum VerdictRule
{
    /// <summary>The whole text, in order, and a clean end.</summary>
    Whole,

    /// <summary>
    /// The upstream cut the stream short: an explicit failure, never a clean end; the text so far is the upstream's prefix.
    /// </summary>
    CutShort,

    /// <summary>The upstream went silent for good: an explicit failure within the stall bound.</summary>
    Stall,

    /// <summary>One bad upstream line: an explicit failure, or a clean end with only that token skipped or replaced.</summary>
    BadLine,

    /// <summary>The upstream refused: an error the client can see, or (after retries) the whole text, never duplicated.</summary>
    ErrorOrWhole,

    /// <summary>The client leaves after 3 tokens: the fake's journal shows the upstream request ended within 1 s.</summary>
    ClientLeaves,

    /// <summary>32 healthy streams at once, every one whole.</summary>
    Concurrent,

    /// <summary>The client pauses while the upstream sends fast: the service pushes back, or ends with an error.</summary>
    Backpressure,
}
