namespace StreamingHarness.Protocol.Ndjson;

public enum OllamaChunkKind
{
    /// <summary>A <c>done:false</c> chunk; its content may be empty.</summary>
    Partial,

    /// <summary>The <c>done:true</c> chunk: success, the stream is over.</summary>
    Done,

    /// <summary>An in-band <c>{"error":"…"}</c> line: failure, whatever the HTTP status said.</summary>
    Error,
}
