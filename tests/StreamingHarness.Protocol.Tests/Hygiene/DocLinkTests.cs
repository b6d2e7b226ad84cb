using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Protocol.Tests.Hygiene;

/// <summary>
/// Keeps the README and docs/ navigable: every relative link names a file that exists and, where it has a
/// <c>#fragment</c>, a heading of that file, slugged as GitHub slugs headings. Links inside code fences are not links.
/// </summary>
public sealed partial class DocLinkTests
{
    private static readonly string[] TopLevelPages = ["README.md", "scenarios/README.md", "reports/README.md"];

    [Fact]
    public void Documentation_EveryRelativeLinkAndAnchorResolves()
    {
        var broken = DocumentationFiles()
            .SelectMany(file => RelativeLinks(file).Where(link => !Resolves(file, link)).Select(link => $"{file}: ({link})"))
            .ToList();

        broken.ShouldBeEmpty("broken links:" + Environment.NewLine + string.Join(Environment.NewLine, broken));
    }

    [Theory]
    [InlineData("The dotnet tool: `streamingharness`", "the-dotnet-tool-streamingharness")]
    [InlineData("Seed 003's targets, measured", "seed-003s-targets-measured")]
    [InlineData("verify: hold any streaming service to the fault catalogue", "verify-hold-any-streaming-service-to-the-fault-catalogue")]
    public void Slug_FollowsGitHub(string heading, string slug) => Slug(heading).ShouldBe(slug);

    [Fact]
    public void Anchors_RepeatedHeadingsAreNumbered() =>
        Anchors("## Limits\n## Limits\n```\n## not a heading\n```\n").ShouldBe(["limits", "limits-1"]);

    private static IEnumerable<string> DocumentationFiles() =>
        TopLevelPages.Concat(Directory.EnumerateFiles(RepositoryRoot.Combine("docs"), "*.md")
                .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal));

    private static IEnumerable<string> RelativeLinks(string file) =>
        Link().Matches(Fence().Replace(File.ReadAllText(RepositoryRoot.Combine(file)), ""))
            .Select(match => match.Groups[1].Value)
            .Where(target => !Scheme().IsMatch(target));

    private static bool Resolves(string file, string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var (path, anchor) = hash < 0 ? (link, "") : (link[..hash], link[(hash + 1)..]);
        var target = path.Length == 0
            ? RepositoryRoot.Combine(file)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryRoot.Combine(file))!, path));
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return false;
        }

        return anchor.Length == 0
            || !target.EndsWith(".md", StringComparison.Ordinal)
            || Anchors(File.ReadAllText(target)).Contains(anchor);
    }

    private static List<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>();
        var anchors = new List<string>();
        foreach (Match heading in Heading().Matches(Fence().Replace(markdown, "")))
        {
            var slug = Slug(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(slug, -1) + 1;
            seen[slug] = count;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    private static string Slug(string heading) => NotSlug().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{1,6} (.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotSlug();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();
}
