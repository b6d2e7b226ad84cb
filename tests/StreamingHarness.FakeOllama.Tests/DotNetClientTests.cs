using Microsoft.Extensions.AI;
using OllamaSharp.Models;
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

    [Fact]
    public async Task OllamaSharp_Show_HasTheModelsCapabilitiesAndDetails()
    {
        var show = await Client.ShowModelAsync(new ShowModelRequest { Model = "qwen3" }, TestContext.Current.CancellationToken);

        show.Capabilities.ShouldBe(["completion", "tools", "thinking"]);
        show.Details!.Family.ShouldBe("qwen3");
        show.Details.ParameterSize.ShouldBe("8.2B");
    }

    [Fact]
    public async Task OllamaSharp_Ps_ListsTheModelLoadedByAChat()
    {
        await ChatShouldStreamTheAnswerAsync(Client);

        var running = await Client.ListRunningModelsAsync(TestContext.Current.CancellationToken);

        running.Select(m => m.Name).ShouldBe(["llama3.2:latest"]);
    }

    [Fact]
    public async Task OllamaSharp_Embed_GivesOneVectorPerInputOfTheModelsLength()
    {
        var request = new EmbedRequest { Model = "all-minilm", Input = ["a", "b"] };

        var embed = await Client.EmbedAsync(request, TestContext.Current.CancellationToken);

        embed.Embeddings.Select(e => e.Length).ShouldBe([384, 384]);
    }

    [Fact]
    public async Task EmbeddingGenerator_GivesOneVectorPerInput()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = Client;
        var options = new EmbeddingGenerationOptions { ModelId = "all-minilm" };

        var embeddings = await generator.GenerateAsync(["a", "b"], options, TestContext.Current.CancellationToken);

        embeddings.Select(e => e.Vector.Length).ShouldBe([384, 384]);
    }

    protected override async Task<HttpClient> StartServerAsync()
    {
        var scenario = ScenarioYamlReader.ReadFile(Path.Combine(FakeOllamaOptions.BuiltInScenarioDirectory, "default.yaml"));
        var options = new FakeOllamaOptions { Scenarios = [scenario], TimeScale = 0.01 };
        _fake = await FakeOllamaServer.StartAsync(options, TestContext.Current.CancellationToken);
        return TestScenarios.Client(_fake);
    }

    protected override ValueTask StopServerAsync() => _fake.DisposeAsync();
}
