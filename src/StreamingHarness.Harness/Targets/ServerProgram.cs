using System.Diagnostics;
using System.Reflection;

namespace StreamingHarness.Harness.Targets;

/// <summary>
/// How the harness starts the fake or the relay as a process of its own (measurement needs them apart). From the
/// repository: <c>dotnet &lt;App&gt;.dll</c>, the build outputs baked in at build time. From the installed tool (whose
/// entry assembly says <see cref="HostsServersKey"/>): the tool itself, <c>streamingharness fake ...</c>, so an
/// installed tool needs no repository.
/// </summary>
internal sealed record ServerProgram(
    string Name, string FileName, IReadOnlyList<string> LeadingArguments, string WorkingDirectory, string? MissingFile)
{
    /// <summary>Assembly metadata of an entry assembly that runs the fake and the relay as its subcommands.</summary>
    public const string HostsServersKey = "StreamingHarness.HostsServers";

    public static ServerProgram Fake => InTool ? Self("fake") : Dll("fake", BuildPaths.FakeOllamaDll);

    public static ServerProgram Relay => InTool ? Self("relay") : Dll("relay", BuildPaths.RelayDll);

    /// <summary>True when the harness runs inside the tool, which is the fake and the relay as well.</summary>
    public static bool InTool { get; } = Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Any(a => a.Key == HostsServersKey && a.Value == "true") ?? false;

    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(FileName)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in LeadingArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>
    /// <c>dotnet &lt;dll&gt;</c>, whatever the harness runs in (the side-by-side benchmark starts build outputs); a path that
    /// is not a <c>.dll</c> is a native program (a Native AOT publish, as <c>scripts/side-by-side.sh</c> makes of the fake),
    /// started as it is.
    /// </summary>
    public static ServerProgram Dll(string name, string dll)
    {
        var missing = File.Exists(dll) ? null : dll;
        var directory = Path.GetDirectoryName(dll)!;
        return dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new(name, "dotnet", [dll], directory, missing)
            : new(name, dll, [], directory, missing);
    }

    // The entry assembly's file beside the app (its Location is empty in a single-file or Native AOT build).
    private static string EntryDll => Path.Combine(AppContext.BaseDirectory, Assembly.GetEntryAssembly()!.GetName().Name + ".dll");

    /// <summary>
    /// This very program with a subcommand: the tool's launcher (<c>streamingharness</c>) when it was started that way,
    /// else <c>dotnet &lt;entry&gt;.dll</c> (as under <c>dotnet run</c>).
    /// </summary>
    private static ServerProgram Self(string subcommand)
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new(subcommand, process, [EntryDll, subcommand], AppContext.BaseDirectory, null)
            : new(subcommand, process, [subcommand], AppContext.BaseDirectory, null);
    }
}
