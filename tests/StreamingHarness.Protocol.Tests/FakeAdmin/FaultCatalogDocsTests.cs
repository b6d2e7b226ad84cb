using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Protocol.FakeAdmin;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Protocol.Tests.FakeAdmin;

/// <summary>
/// The fault tables of the docs list exactly <see cref="FaultCatalog"/>'s names, and scenarios/ ships a scenario of each
/// built-in name: a fault added, renamed or removed in one place and not the others fails here.
/// </summary>
public sealed partial class FaultCatalogDocsTests
{
    [Fact]
    public void FaultsDoc_PerProtocolTable_ListsEveryBuiltInStreamFault() =>
        FirstColumnNames("docs/faults.md", "| Fault | `/v1/responses` |").ShouldBe(
            Names(FaultCatalog.BuiltInScenarios.Where(f => f.Effect != FaultEffect.BreaksStructuredOutput)), ignoreOrder: true);

    [Fact]
    public void FaultsDoc_SemanticTable_ListsEveryStructuredOutputFault() =>
        FirstColumnNames("docs/faults.md", "| Kind | The answer |").ShouldBe(
            Names(FaultCatalog.All.Where(f => f.Effect == FaultEffect.BreaksStructuredOutput)), ignoreOrder: true);

    [Fact]
    public void ScenariosReadme_BuiltInTable_ListsEveryBuiltInScenario_InCatalogueOrder() =>
        FirstColumnNames("scenarios/README.md", "| Scenario | What happens on the wire |")
            .ShouldBe(Names(FaultCatalog.BuiltInScenarios));

    [Fact]
    public void ScenariosReadme_FaultReference_ListsEveryKind() =>
        FirstColumnNames("scenarios/README.md", "| Kind | Settings (default) |").ShouldBe(FaultCatalog.KindNames, ignoreOrder: true);

    [Fact]
    public void ScenariosFolder_ShipsAScenarioOfEveryBuiltInName() =>
        FaultCatalog.BuiltInScenarios.Where(f => !File.Exists(RepositoryRoot.Combine("scenarios", f.Name + ".yaml")))
            .Select(f => f.Name).ShouldBeEmpty();

    [Fact]
    public void ScenariosFolder_EveryScenarioWithFaults_IsInTheCatalogue() =>
        Directory.GetFiles(RepositoryRoot.Combine("scenarios"), "*.yaml")
            .Where(file => File.ReadAllText(file).Contains("\nfaults:", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .ShouldBe(Names(FaultCatalog.BuiltInScenarios), ignoreOrder: true);

    [Fact]
    public void Catalogue_NamesAreUnique() =>
        FaultCatalog.All.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();

    [Fact]
    public void FirstColumnNames_SplitsGroupedRows() =>
        FirstColumnNames(["| Kind | Settings |", "|---|---|", "| `a` / `b` | x `c` |", "| `d`, `e` | y |", "", "| `f` | z |"], "| Kind |")
            .ShouldBe(["a", "b", "d", "e"]);

    private static List<string> Names(IEnumerable<FaultKind> faults) => [.. faults.Select(f => f.Name)];

    private static List<string> FirstColumnNames(string file, string header) =>
        FirstColumnNames(File.ReadAllLines(RepositoryRoot.Combine(file.Split('/'))), header);

    /// <summary>The backticked names in the first cell of each row of the table whose header begins <paramref name="header"/>.</summary>
    private static List<string> FirstColumnNames(IReadOnlyList<string> lines, string header)
    {
        var start = lines.ToList().FindIndex(l => l.StartsWith(header, StringComparison.Ordinal));
        start.ShouldBeGreaterThanOrEqualTo(0, $"no table with the header '{header}'");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .SelectMany(row => Code().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value))];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
