using System.Reflection;

namespace StreamingHarness.LoadTests.Targets;

/// <summary>Where the fake's and the relay's build outputs and the repository are, as baked in at build time.</summary>
internal static class BuildPaths
{
    public static string FakeOllamaDll => Environment.GetEnvironmentVariable("LOADTEST_FAKE_DLL") ?? Metadata("FakeOllamaDll");

    public static string RelayDll => Environment.GetEnvironmentVariable("LOADTEST_RELAY_DLL") ?? Metadata("RelayDll");

    /// <summary>
    /// The repository root: the current directory when it holds the solution, otherwise the one the harness was built from.
    /// </summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamingHarness.sln")))
                {
                    return dir.FullName;
                }
            }

            return Metadata("RepositoryRoot");
        }
    }

    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"build metadata '{key}' is missing from the harness assembly.");
}
