using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Streaming;

/// <summary>How events reach the client.</summary>
public sealed class StreamingOptions
{
    /// <summary>
    /// 0 (default): response headers wait for the first upstream token, so failures before it get a real HTTP status.
    /// Above 0: headers and <c>start</c> go out at once, a <c>: ping</c> comment is sent whenever the stream was
    /// silent this long, and every failure is an <c>error</c> event. 0 to 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// 0 (default): one <c>token</c> event per upstream token. Above 0: tokens arriving within this window merge into one event. 0 to 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Bytes a stream may hold for a client that reads slower than the upstream writes. Past it the stream ends with
    /// <c>client_too_slow</c> and the upstream is released. Default 1 MiB; 4 KiB to 256 MiB.
    /// </summary>
    [Range(4096, 256 * 1024 * 1024)]
    public int MaxBufferedBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a client that fell behind still gets to read what is buffered (and the final event) before its connection is closed.
    /// Default 5 s; 0 to 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SlowClientGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
