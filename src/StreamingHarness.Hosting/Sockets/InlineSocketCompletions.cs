namespace StreamingHarness.Hosting.Sockets;

/// <summary>
/// Every StreamingHarness process (fake, relay, load harness, tool) runs socket completions inline on the socket
/// engine's own thread, unless the user set <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> themselves. A token
/// stream wakes for every token, spread over time: by default each wake is the epoll thread waking a thread-pool
/// worker to run the read's continuation, two context switches per token on top of the read. Measured in the
/// <c>soak</c> suite (Poisson 20 requests/s, 60 s): the relay's context switches fell from 3.2k to 1.0k per second and
/// its CPU from 0.17 to 0.12 cores; the harness's from 0.105 to 0.069 (docs/performance.md).
/// <para>
/// Safe here because no continuation in these apps blocks: a blocking one would stall every socket of its engine.
/// The runtime reads the variable once, when the first socket operation starts, and offers no runtimeconfig switch
/// for it, so it is set in the process's environment before any socket is used. Child processes inherit it.
/// </para>
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the variable to 1 unless it is set already (to anything: "0" keeps the runtime's default).</summary>
    public static void PreferUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
