namespace StreamingHarness.Testing.RawHttp;

/// <summary>
/// One HTTP chunk's payload (chunk framing removed), with when its first and last bytes arrived, counted from the
/// moment the request was sent. <see cref="Complete"/> is false for a chunk the connection cut short. For a body that
/// is not chunked, each socket read becomes one piece.
/// </summary>
public sealed record RawChunk(byte[] Data, TimeSpan FirstByteAt, TimeSpan CompletedAt, bool Complete)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
