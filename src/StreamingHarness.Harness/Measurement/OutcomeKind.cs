namespace StreamingHarness.Harness.Measurement;

/// <summary>How a request ended. Every request sent ends with exactly one of these.</summary>
internal enum OutcomeKind
{
    Ok,

    /// <summary>A non-success HTTP status before any token.</summary>
    HttpStatus,

    /// <summary>The TCP connection could not be made.</summary>
    ConnectError,

    /// <summary>A phase deadline passed (headers, first token, idle between tokens, total).</summary>
    Timeout,

    /// <summary>The stream broke its framing: malformed line, torn line, missing terminal, lines after the terminal.</summary>
    ProtocolError,

    /// <summary>The server closed or reset the connection mid-response.</summary>
    Disconnect,

    /// <summary>The stream ended with an error chunk or event (Ollama's <c>{"error"}</c> line, the relay's <c>error</c> event).</summary>
    InBandError,

    /// <summary>Still running when the run's drain time ran out; cancelled by the harness.</summary>
    Cancelled,
}
