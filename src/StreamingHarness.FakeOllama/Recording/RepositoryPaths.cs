namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Relative paths of the record-mode options and of <c>inspect</c>, read from the repository root when the program
/// runs inside a clone: <c>dotnet run --project src/StreamingHarness.FakeOllama</c> runs in the project's folder, where
/// <c>scenarios/recorded</c> would otherwise land in the wrong place.
/// </summary>
internal static class RepositoryPaths
{
    private const string Marker = "StreamingHarness.sln";

    /// <summary>
    /// An absolute or existing path as it is; otherwise the same path under the repository root, if the current folder
    /// is inside a clone; otherwise as given.
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path) || Root() is not { } root)
        {
            return path;
        }

        return Path.Combine(root, path);
    }

    private static string? Root()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
