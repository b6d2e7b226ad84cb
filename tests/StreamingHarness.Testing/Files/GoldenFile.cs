namespace StreamingHarness.Testing.Files;

/// <summary>Expected text kept in a file of the clone, for output too long to write in a test.</summary>
public static class GoldenFile
{
    /// <summary>
    /// The file's text (line endings as <c>\n</c>, no trailing newline); with <c>UPDATE_GOLDEN=1</c> it is first rewritten
    /// from <paramref name="actual"/>, for a change that is meant (review the file's diff before committing it).
    /// </summary>
    public static string Text(string actual, params string[] pathInClone)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = RepositoryRoot.Combine(pathInClone);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
        }

        return File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n');
    }
}
