namespace StreamingHarness.Protocol.A2a;

/// <summary>JSON-RPC 2.0's error codes and A2A's own (the same numbers in v0.3 and v1.0).</summary>
public static class A2aErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int TaskNotFound = -32001;
    public const int TaskNotCancelable = -32002;
    public const int UnsupportedOperation = -32004;
    public const int VersionNotSupported = -32009;
}
