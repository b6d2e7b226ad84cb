namespace StreamingHarness.Testing.RawHttp;

/// <summary>How a response (or the attempt to get one) ended, as seen on the socket.</summary>
public enum BodyEnd
{
    /// <summary>The chunked terminator <c>0\r\n\r\n</c> arrived: a clean end.</summary>
    ChunkedTerminator,

    /// <summary>All <c>Content-Length</c> bytes arrived.</summary>
    ContentLengthComplete,

    /// <summary>The status forbids a body (HEAD, 1xx, 204, 304).</summary>
    NoBody,

    /// <summary>No length and not chunked: the body ran to the server's FIN, which is how it was meant to end.</summary>
    CloseDelimited,

    /// <summary>The server closed (FIN) before the headers or the body were complete: an abrupt close.</summary>
    EofWithoutTerminator,

    /// <summary>The connection was reset (RST): reads failed with <c>ConnectionReset</c>.</summary>
    ConnectionReset,
}
