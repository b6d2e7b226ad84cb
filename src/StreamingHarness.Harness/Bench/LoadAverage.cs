namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The machine's 1, 5 and 15 minute load averages (<c>/proc/loadavg</c>), written beside each figure: on a shared
/// machine a ratio is only as good as the quiet it was measured in.
/// </summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
