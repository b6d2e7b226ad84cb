namespace StreamingHarness.Testing.Files;

/// <summary>The clone the tests were built from: the first folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string Solution = "StreamingHarness.sln";

    public static string Path { get; } = Find();

    /// <summary>A path inside the clone, e.g. <c>Combine("deploy", "kubernetes")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, Solution)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {Solution} above {AppContext.BaseDirectory}.");
    }
}
