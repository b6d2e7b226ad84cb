using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>OllamaSharp and Microsoft.Extensions.AI against the fake, beside the ollama-js and OpenAI SDK checks.</summary>
public sealed class DotNetClientTests : DotNetClientContract
{
    private FakeOllamaServer _fake = null!;

    [Fact]
    public async Task OllamaSharp_Tags_ListsTheScenarioModels() =>
        (await ModelNamesAsync(Client)).ShouldBe(["llama3.2:latest", "qwen3:latest", "all-minilm:latest", "default:latest"]);

    protected override async Task<HttpClient> StartServerAsync()
    {
        var scenario = ScenarioYamlReader.ReadFile(Path.Combine(FakeOllamaOptions.BuiltInScenarioDirectory, "default.yaml"));
        var options = new FakeOllamaOptions { Scenarios = [scenario], TimeScale = 0.01 };
        _fake = await FakeOllamaServer.StartAsync(options, TestContext.Current.CancellationToken);
        return TestScenarios.Client(_fake);
    }

    protected override ValueTask StopServerAsync() => _fake.DisposeAsync();
}
