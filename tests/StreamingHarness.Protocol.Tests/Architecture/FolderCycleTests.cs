using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Protocol.Tests.Architecture;

/// <summary>
/// No two folders of one src project depend on each other: each folder's files name the other folders they use in their
/// <c>using</c> directives (the namespaces follow the folders), and a pair that uses each other both ways is a cycle.
/// The unit is the top folder of a project (<c>Endpoints/Native</c> counts as <c>Endpoints</c>); files at a project's root
/// are its composition root and left out (a sub-namespace sees the root's types without a <c>using</c> anyway).
/// </summary>
public sealed partial class FolderCycleTests
{
    /// <summary>Cycles known and not yet broken, each with the reason it stays; an entry that no longer holds fails too.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // Found by this test, not among the cycles issue #20 names; each needs a contract moved, left for a follow-up.
        ["StreamingHarness.FakeOllama: Endpoints <-> Generation"] =
            "the runner writes through the endpoints' per-API answer writers, which the endpoints hand it",
        ["StreamingHarness.FakeOllama: Faults <-> Generation"] =
            "the structured-output faults break the answer Generation plans, and the plan asks which such fault applies",
        ["StreamingHarness.FakeOllama: Faults <-> Scenarios"] =
            "a scenario holds its faults and its reader reads them with the fault reader, which reads YAML with Scenarios' YamlMap",
        ["StreamingHarness.FakeOllama: Recording <-> Scenarios"] =
            "a scenario may replay a recording, and the recording reader builds scenarios from what it read",
        ["StreamingHarness.Protocol: Json <-> Native"] =
            "the one source-generated context lists every wire type, and the Ollama error body writes itself with it",
        ["StreamingHarness.Relay: Endpoints <-> Hosting"] =
            "the host maps the endpoints, and the operations endpoint reports the host's drain state",
        ["StreamingHarness.Relay: Streaming <-> Upstream"] =
            "the relay loop reads through Upstream, whose deadlines report their verdict as the loop's RelayFailure",
    };

    [Fact]
    public void SrcProjects_NoTwoFoldersDependOnEachOther()
    {
        var cycles = Cycles();

        cycles.Where(c => !Allowed.ContainsKey(c.Key)).Select(c => $"{c.Key}: {c.Value}").ShouldBeEmpty();
        Allowed.Keys.Where(k => !cycles.ContainsKey(k)).ShouldBeEmpty("allow-list entries that are no cycle any more: remove them");
    }

    [Fact]
    public void Cycles_FindsATwoWayPair()
    {
        var edges = Edges(
            "P",
            ["A", "B", "C"],
            [
                ("A/One.cs", "using P.B;\nusing static P.C.Tool;"),
                ("B/Two.cs", "using Alias = P.A.Thing;"),
                ("C/Three.cs", "using System;\n// P.A in a comment is no using"),
            ]);

        edges.ShouldBe(
            new Dictionary<(string, string), string> { [("A", "B")] = "A/One.cs", [("A", "C")] = "A/One.cs", [("B", "A")] = "B/Two.cs" });
        TwoWay("P", edges).Keys.ShouldBe(["P: A <-> B"]);
    }

    private static Dictionary<string, string> Cycles()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Directory.GetDirectories(RepositoryRoot.Combine("src")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(project);
            var folders = Directory.GetDirectories(project).Select(Path.GetFileName).OfType<string>()
                .Where(f => f is not ("bin" or "obj")).ToList();
            var files = folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(project, f), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => (Path.GetRelativePath(project, f).Replace('\\', '/'), File.ReadAllText(f)));
            foreach (var (key, evidence) in TwoWay(name, Edges(name, folders, files)))
            {
                all[key] = evidence;
            }
        }

        return all;
    }

    /// <summary>Folder to folder, each with the first file (in path order) that makes the dependency.</summary>
    private static Dictionary<(string From, string To), string> Edges(
        string project, IReadOnlyCollection<string> folders, IEnumerable<(string Path, string Text)> files)
    {
        var edges = new Dictionary<(string, string), string>();
        var target = new Regex($@"\b{Regex.Escape(project)}\.(\w+)");
        foreach (var (path, text) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var from = path.Split('/')[0];
            foreach (var line in text.Split('\n').Where(l => UsingDirective().IsMatch(l)))
            {
                foreach (var to in target.Matches(line).Select(m => m.Groups[1].Value).Where(t => t != from && folders.Contains(t)))
                {
                    edges.TryAdd((from, to), path);
                }
            }
        }

        return edges;
    }

    private static Dictionary<string, string> TwoWay(string project, Dictionary<(string From, string To), string> edges) =>
        edges.Where(e => string.CompareOrdinal(e.Key.From, e.Key.To) < 0 && edges.ContainsKey((e.Key.To, e.Key.From)))
            .ToDictionary(
                e => $"{project}: {e.Key.From} <-> {e.Key.To}",
                e => $"{e.Value} uses {e.Key.To}; {edges[(e.Key.To, e.Key.From)]} uses {e.Key.From}",
                StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(global\s+)?using\s")]
    private static partial Regex UsingDirective();
}
