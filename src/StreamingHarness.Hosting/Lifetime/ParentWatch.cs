namespace StreamingHarness.Hosting.Lifetime;

/// <summary>
/// A server started by the harness stops when the harness is gone, however it went, SIGKILL included: the harness
/// sets <see cref="VariableName"/> and holds the write end of the server's stdin; the kernel closes it when the harness
/// dies, and the server reads end-of-file. A pipe rather than Linux's parent-death signal, which fires when the
/// forking <em>thread</em> exits (a .NET thread-pool thread may retire at any time) and exists on Linux only.
/// </summary>
public static class ParentWatch
{
    public const string VariableName = "STREAMINGHARNESS_EXIT_WITH_PARENT";

    /// <summary>Calls <paramref name="stop"/> once stdin ends, when the parent asked for it; otherwise does nothing.</summary>
    public static void StopWhenParentExits(Action stop)
    {
        if (Environment.GetEnvironmentVariable(VariableName) != "1")
        {
            return;
        }

        // One dedicated thread blocked in read(): console stdin has no truly asynchronous read.
        var watcher = new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (stdin.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is the parent gone too.
            }

            stop();
        })
        {
            IsBackground = true,
            Name = "parent watch",
        };
        watcher.Start();
    }
}
