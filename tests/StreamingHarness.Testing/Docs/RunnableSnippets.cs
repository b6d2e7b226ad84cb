using StreamingHarness.Testing.Files;

namespace StreamingHarness.Testing.Docs;

/// <summary>
/// The fenced blocks of README.md and docs/*.md that the documentation marks runnable with an HTML comment on the line
/// before the fence: <c>&lt;!-- runnable --&gt;</c>, or <c>&lt;!-- runnable: StreamingHarness.Client, Microsoft.Extensions.AI
/// --&gt;</c> to name what the block needs. Tests compile and run them, so the examples cannot drift from the code.
/// </summary>
public static class RunnableSnippets
{
    private const string Marker = "<!-- runnable";

    public static IReadOnlyList<Snippet> Find(string language) =>
        [.. Documents().SelectMany(Read).Where(s => s.Language == language)];

    /// <summary>The snippets of one Markdown text (<paramref name="name"/> for messages).</summary>
    public static IEnumerable<Snippet> Parse(string name, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var marker = lines[i].Trim();
            if (!marker.StartsWith(Marker, StringComparison.Ordinal) || !marker.EndsWith("-->", StringComparison.Ordinal))
            {
                continue;
            }

            var fence = lines[i + 1].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                throw new FormatException($"{name}:{i + 1}: a runnable marker must be followed by a fenced block, found '{fence}'.");
            }

            var end = i + 2;
            while (end < lines.Count && lines[end].Trim() != "```")
            {
                end++;
            }

            var needs = marker[Marker.Length..^3].Trim().TrimStart(':')
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var code = string.Join('\n', lines.Skip(i + 2).Take(end - i - 2));
            yield return new Snippet($"{name}:{i + 2}", fence[3..].Trim(), needs, code);
            i = end;
        }
    }

    private static IEnumerable<string> Documents() =>
        Directory.EnumerateFiles(RepositoryRoot.Combine("docs"), "*.md").Prepend(RepositoryRoot.Combine("README.md")).Order();

    private static IEnumerable<Snippet> Read(string path) =>
        Parse(Path.GetRelativePath(RepositoryRoot.Path, path), File.ReadAllLines(path));
}
