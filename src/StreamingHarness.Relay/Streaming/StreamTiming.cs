namespace StreamingHarness.Relay.Streaming;

/// <summary>When the request reached the relay and when its first token went out, for <c>ttft_ms</c> and <c>total_ms</c>.</summary>
internal sealed class StreamTiming(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public TimeSpan? TimeToFirstToken { get; private set; }

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public TimeSpan MarkFirstToken()
    {
        TimeToFirstToken ??= Elapsed;
        return TimeToFirstToken.Value;
    }
}
