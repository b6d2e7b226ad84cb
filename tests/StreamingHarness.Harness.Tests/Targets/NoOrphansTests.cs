using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Harness.Tests.Targets;

/// <summary>Real processes: the fake and the relay the harness starts die with it, SIGKILL included (Linux /proc).</summary>
public sealed class NoOrphansTests
{
    private static readonly string[] Servers = ["StreamingHarness.FakeOllama.dll", "StreamingHarness.Relay.dll"];

    [Fact]
    public async Task Sigkill_TheHarness_ItsFakeAndRelayExitToo()
    {
        using var reports = new TempFolder();
        var harnessDll = Path.Combine(AppContext.BaseDirectory, "StreamingHarness.Harness.dll");
        await using var harness = await ServerProcess.StartAsync(
            "dotnet",
            [harnessDll, "--suite", "smoke", "--duration", "5m", "--reports", reports.Path],
            () => Task.FromResult(Find(cmdline => cmdline.Contains(reports.Path, StringComparison.Ordinal)) is [var pid]
                && ChildServers(pid).Count == 2),
            "the harness started the fake and the relay");
        var children = ChildServers(harness.Id);

        var kill = await FinishedProcess.RunAsync("kill", ["-KILL", $"{harness.Id}"]);

        kill.ExitCode.ShouldBe(0);
        children.Count.ShouldBe(2);
        await Eventually.WaitAsync(
            () => children.Where(IsAlive).ToList(), alive => alive.Count == 0, "the fake and the relay exited with the harness");
    }

    private static List<int> ChildServers(int parent) =>
        Find(cmdline => Servers.Any(server => cmdline.Contains(server, StringComparison.Ordinal)))
            .Where(pid => ParentOf(pid) == parent).ToList();

    private static List<int> Find(Func<string, bool> cmdline) =>
    [
        .. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(int.Parse!)
            .Where(pid => Read($"/proc/{pid}/cmdline") is { } text && cmdline(text.Replace('\0', ' '))),
    ];

    /// <summary>The fourth field of /proc/pid/stat, after the command name in parentheses.</summary>
    private static int ParentOf(int pid) =>
        Read($"/proc/{pid}/stat") is { } stat ? int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]) : -1;

    /// <summary>Running: its /proc entry is there and it is not a zombie waiting for a reaper.</summary>
    private static bool IsAlive(int pid) =>
        Read($"/proc/{pid}/stat") is { } stat && stat[stat.LastIndexOf(')') + 2] != 'Z';

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
