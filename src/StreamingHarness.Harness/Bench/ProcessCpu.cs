using System.Globalization;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// A process's CPU time (user + system) from <c>/proc/&lt;pid&gt;/stat</c>, read from outside the process so the
/// reading costs the measured server nothing.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ is part of the Linux ABI: 100 ticks per second on every architecture.
    private const double TicksPerSecond = 100;

    // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15 (proc(5)).
    private const int UtimeIndex = 14 - 3;
    private const int StimeIndex = 15 - 3;

    public static bool Available => File.Exists("/proc/self/stat");

    public static TimeSpan Read(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[UtimeIndex], CultureInfo.InvariantCulture)
            + long.Parse(fields[StimeIndex], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
