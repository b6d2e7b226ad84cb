using System.Reflection;
using System.Runtime.CompilerServices;

namespace StreamingHarness.Harness.Targets;

/// <summary>
/// Where the fake's and the relay's build outputs and the repository are, as baked in at build time; and, for the
/// installed tool, which has no repository, where its shipped files are and where reports go.
/// </summary>
internal static class BuildPaths
{
    private const string Solution = "StreamingHarness.sln";

    public static string FakeOllamaDll => Environment.GetEnvironmentVariable("LOADTEST_FAKE_DLL") ?? Metadata("FakeOllamaDll");

    public static string RelayDll => Environment.GetEnvironmentVariable("LOADTEST_RELAY_DLL") ?? Metadata("RelayDll");

    /// <summary>
    /// This harness build as a program, for the processes the bench starts from it (its floors, a fresh harness): the
    /// Native AOT executable itself, or its DLL (started with <c>dotnet</c>).
    /// </summary>
    public static string HarnessDll => RuntimeFeature.IsDynamicCodeSupported
        ? Path.Combine(AppContext.BaseDirectory, typeof(BuildPaths).Assembly.GetName().Name + ".dll")
        : Environment.ProcessPath!;

    /// <summary>
    /// The harness the bench's fresh-harness row starts: <c>LOADTEST_HARNESS</c> (a publish, as
    /// <c>scripts/side-by-side.sh</c> sets it to the Native AOT one) or this build.
    /// </summary>
    public static string FreshHarnessDll => Environment.GetEnvironmentVariable("LOADTEST_HARNESS") ?? HarnessDll;

    /// <summary>The bench's YARP anchor (benchmarks/StreamingHarness.YarpAnchor), built with the harness.</summary>
    public static string YarpAnchorDll => Metadata("YarpAnchorDll");

    /// <summary>
    /// The repository root: the current directory (or a parent) when it holds the solution, otherwise the one the
    /// harness was built from. Inside the installed tool only the first: the build machine's path means nothing there.
    /// </summary>
    public static string? RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Solution)))
                {
                    return dir.FullName;
                }
            }

            var built = Metadata("RepositoryRoot");
            return !ServerProgram.InTool && File.Exists(Path.Combine(built, Solution)) ? built : null;
        }
    }

    /// <summary>Where <c>scenarios/</c> (profiles, suite files) is: the repository's, or the copy shipped next to the program.</summary>
    public static string DataRoot => RepositoryRoot ?? AppContext.BaseDirectory;

    /// <summary>The default reports folder: the repository's <c>reports/</c>, or <c>./reports</c> outside a clone.</summary>
    public static string ReportsRoot => Path.Combine(RepositoryRoot ?? Environment.CurrentDirectory, "reports");

    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"build metadata '{key}' is missing from the harness assembly.");
}
