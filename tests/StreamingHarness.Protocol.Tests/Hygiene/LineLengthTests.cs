using Shouldly;

namespace StreamingHarness.Protocol.Tests.Hygiene;

/// <summary>
/// Enforces <c>max_line_length = 140</c> from <c>.editorconfig</c>: the C# compiler and analyzers do not, so this
/// test reads every <c>*.cs</c> under <c>src/</c> and <c>tests/</c> and names each longer line.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLineLength = 140;

    /// <summary>
    /// Files that still held longer lines when the limit came in, with how many; a file's count may only go down
    /// (the reflow is under way). A file not listed may hold none.
    /// </summary>
    private const string BaselineFile = "Hygiene/LongLineBaseline.txt";

    [Fact]
    public void SourceFiles_NoLineOver140Characters()
    {
        var root = RepositoryRoot();
        var baseline = ReadBaseline();
        var offenders = new List<string>();
        foreach (var (file, lines) in LongLines(root))
        {
            if (lines.Count > baseline.GetValueOrDefault(file))
            {
                offenders.AddRange(lines.Select(line => $"{file}:{line.Number}: {line.Length} characters"));
            }
        }

        offenders.ShouldBeEmpty(
            $"lines over {MaxLineLength} characters (break argument lists, conditions or string literals):{Environment.NewLine}"
            + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void Baseline_CountsMatchTheFiles_SoItOnlyShrinks()
    {
        var actual = LongLines(RepositoryRoot()).ToDictionary(entry => entry.File, entry => entry.Lines.Count);
        var stale = ReadBaseline()
            .Where(entry => actual.GetValueOrDefault(entry.Key) < entry.Value)
            .Select(entry => $"{entry.Key}: baseline {entry.Value}, now {actual.GetValueOrDefault(entry.Key)}")
            .ToList();

        stale.ShouldBeEmpty($"lower these counts in {BaselineFile} (or drop the line at 0)");
    }

    [Theory]
    [InlineData("src/X/obj/Debug/net10.0/X.AssemblyInfo.cs", true)]
    [InlineData("tests/X/bin/Debug/net10.0/Y.cs", true)]
    [InlineData("tests/clients/node_modules/a/b.cs", true)]
    [InlineData("src/X/Foo.g.cs", true)]
    [InlineData("src/X/Foo.Designer.cs", true)]
    [InlineData("src/X/Objects/Foo.cs", false)]
    public void IsGenerated_BuildOutputAndGeneratedNames_AreSkipped(string path, bool generated) =>
        IsGenerated(path).ShouldBe(generated);

    private static IEnumerable<(string File, List<(int Number, int Length)> Lines)> LongLines(string root)
    {
        foreach (var folder in new[] { "src", "tests" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var file = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (IsGenerated(file))
                {
                    continue;
                }

                var lines = File.ReadAllLines(path)
                    .Select((text, index) => (Number: index + 1, text.Length))
                    .Where(line => line.Length > MaxLineLength)
                    .ToList();
                if (lines.Count > 0)
                {
                    yield return (file, lines);
                }
            }
        }
    }

    private static Dictionary<string, int> ReadBaseline() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, BaselineFile))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[1], parts => int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));

    private static bool IsGenerated(string relativePath) =>
        relativePath.Split('/') is var parts
        && (parts.Contains("obj") || parts.Contains("bin") || parts.Contains("node_modules")
            || relativePath.EndsWith(".g.cs", StringComparison.Ordinal)
            || relativePath.EndsWith(".Designer.cs", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamingHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StreamingHarness.sln above {AppContext.BaseDirectory}.");
    }
}
