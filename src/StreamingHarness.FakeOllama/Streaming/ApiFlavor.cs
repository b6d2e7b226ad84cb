namespace StreamingHarness.FakeOllama.Streaming;

/// <summary>Which API surface a request came through; it decides the error shape.</summary>
public enum ApiFlavor
{
    /// <summary><c>/api/*</c>: errors are <c>{"error":"…"}</c>.</summary>
    Native,

    /// <summary><c>/v1/*</c>: errors are <c>{"error":{"message","type","param","code"}}</c>.</summary>
    OpenAi,
}
