using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>The command line's <c>--scenarios DIR</c>: the folder's scenarios laid over the built-in ones.</summary>
public sealed class ScenarioOverlayTests
{
    [Fact]
    public void LoadScenarios_OverBuiltIn_ServesTheFolderAndEveryBuiltInScenario()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("mine.yaml"), "response: Mine.\n");
        var builtIn = ScenarioYamlReader.ReadDirectory(FakeOllamaOptions.BuiltInScenarioDirectory).Select(s => s.Name).ToList();

        var options = new FakeOllamaOptions { ScenarioDirectory = folder.Path, OverBuiltInScenarios = true };

        var names = options.LoadScenarios().Select(s => s.Name);

        names.ShouldBe([.. builtIn, "mine"], ignoreOrder: true);
    }

    [Fact]
    public void LoadScenarios_OverBuiltIn_AFolderScenarioServingABuiltInModel_ReplacesTheBuiltInScenario()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("my-llama.yaml"), "models:\n  - name: llama3.2\nresponse: Mine.\n");
        File.WriteAllText(folder.File("stall.yaml"), "response: Not stalling.\n");

        var scenarios = new FakeOllamaOptions { ScenarioDirectory = folder.Path, OverBuiltInScenarios = true }.LoadScenarios();
        var catalog = new ScenarioCatalog(scenarios);

        catalog.FindModel("llama3.2")!.Scenario.Name.ShouldBe("my-llama");
        catalog.FindScenario("stall")!.SourceFile.ShouldBe(folder.File("stall.yaml"));
        catalog.FindScenario("default").ShouldBeNull();
        catalog.FindScenario("disconnect").ShouldNotBeNull();
    }

    [Fact]
    public void LoadScenarios_FolderAlone_ServesOnlyTheFolder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("mine.yaml"), "response: Mine.\n");

        new FakeOllamaOptions { ScenarioDirectory = folder.Path }.LoadScenarios().Select(s => s.Name).ShouldBe(["mine"]);
    }
}
