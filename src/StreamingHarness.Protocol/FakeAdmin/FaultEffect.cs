namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>What a fault does to the answer a robust client ends up with: the class a check of that client holds it to.</summary>
public enum FaultEffect
{
    /// <summary>Slower, split or noisier, but whole: a robust client delivers the whole text.</summary>
    Harmless,

    /// <summary>The stream ends before its answer: a robust client reports an explicit failure, never a clean end.</summary>
    Truncates,

    /// <summary>Silence with the connection open: a robust client's idle deadline ends it.</summary>
    Stalls,

    /// <summary>A line that breaks the framing, the encoding or the types: a protocol error, or the bad token skipped.</summary>
    CorruptsLine,

    /// <summary>Refused or dropped before any token (an error status, an error line, a closed connection): retry or report.</summary>
    FailsBeforeTokens,

    /// <summary>Only a structured answer (<c>format</c>, <c>response_format</c>) is broken; free text is untouched.</summary>
    BreaksStructuredOutput,
}
