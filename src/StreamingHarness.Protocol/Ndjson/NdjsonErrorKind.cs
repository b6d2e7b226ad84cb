namespace StreamingHarness.Protocol.Ndjson;

/// <summary>How an ndjson stream can be broken. Each maps to one sentence a user can act on.</summary>
public enum NdjsonErrorKind
{
    /// <summary>A line longer than the reader's limit (Go's client stops at 8 MB with "token too long").</summary>
    LineTooLong,

    /// <summary>The body ended in the middle of a line: bytes after the last newline.</summary>
    TornLine,

    /// <summary>The line is not valid JSON.</summary>
    InvalidJson,

    /// <summary>Valid JSON, but not the shape of an Ollama chunk (a field of the wrong type, a missing field).</summary>
    InvalidChunk,
}
