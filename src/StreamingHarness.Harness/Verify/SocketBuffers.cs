namespace StreamingHarness.Harness.Verify;

/// <summary>
/// How much the kernel may hold between the fake and a paused client, the slack <c>slow-reader</c> allows. On the
/// way are two TCP connections (fake → service, service → client); each holds at most its sender's send buffer and
/// its receiver's receive buffer, which Linux grows up to <c>net.ipv4.tcp_wmem</c> and <c>tcp_rmem</c>'s third
/// figure. The client's own receive buffer is set small. The service's buffers in user space (a pipe, a channel of a
/// few events) come on top: <see cref="ServiceAllowance"/>. Elsewhere than Linux the defaults of Linux are assumed.
/// </summary>
internal static class SocketBuffers
{
    /// <summary>The client's receive buffer while it pauses.</summary>
    public const int ClientReceiveBuffer = 16 * 1024;

    /// <summary>The client's receive buffer once the pause ends (the kernel caps it at <c>net.core.rmem_max</c>).</summary>
    public const int ClientResumeBuffer = 4 * 1024 * 1024;

    /// <summary>What a service may hold in its own buffers while it pushes back.</summary>
    public const long ServiceAllowance = 8L * 1024 * 1024;

    /// <summary>The upstream bytes a service that pushes back may still let the fake write.</summary>
    public static long Bound() =>
        2 * Max("/proc/sys/net/ipv4/tcp_wmem", 4L << 20) + Max("/proc/sys/net/ipv4/tcp_rmem", 6L << 20) + ClientReceiveBuffer
        + ServiceAllowance;

    private static long Max(string path, long fallback)
    {
        try
        {
            var fields = File.ReadAllText(path).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length == 3 && long.TryParse(fields[2], out var max) ? max : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
        catch (UnauthorizedAccessException)
        {
            return fallback;
        }
    }
}
