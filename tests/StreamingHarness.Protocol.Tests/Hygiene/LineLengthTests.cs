using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Protocol.Tests.Hygiene;

/// <summary>
/// Enforces <c>max_line_length = 140</c> from <c>.editorconfig</c>: the C# compiler and analyzers do not, so this
/// test reads every <c>*.cs</c> under <c>src/</c>, <c>tests/</c> and <c>benchmarks/</c> and names each longer line.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLineLength = 140;

    [Fact]
    public void SourceFiles_NoLineOver140Characters()
    {
        var offenders = LongLines(RepositoryRoot.Path)
            .SelectMany(entry => entry.Lines.Select(line => $"{entry.File}:{line.Number}: {line.Length} characters"))
            .ToList();

        offenders.ShouldBeEmpty(
            $"lines over {MaxLineLength} characters (break argument lists, conditions or string literals):{Environment.NewLine}"
            + string.Join(Environment.NewLine, offenders));
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
        foreach (var folder in new[] { "src", "tests", "benchmarks" })
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

    private static bool IsGenerated(string relativePath) =>
        relativePath.Split('/') is var parts
        && (parts.Contains("obj") || parts.Contains("bin") || parts.Contains("node_modules")
            || relativePath.EndsWith(".g.cs", StringComparison.Ordinal)
            || relativePath.EndsWith(".Designer.cs", StringComparison.Ordinal));
}
