using Microsoft.Extensions.AI;
using OllamaSharp.Models;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>OllamaSharp and Microsoft.Extensions.AI against the fake, beside the ollama-js and OpenAI SDK checks.</summary>
public sealed class DotNetClientTests : IAsyncLifetime
{
    private FakeOllamaServer _fake = null!;
    private OllamaSharp.OllamaApiClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var scenario = ScenarioYamlReader.ReadFile(Path.Combine(FakeOllamaOptions.BuiltInScenarioDirectory, "default.yaml"));
        _fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions { Scenarios = [scenario], TimeScale = 0.01 }, TestContext.Current.CancellationToken);
        _client = DotNetClients.Ollama(_fake.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task OllamaSharp_Tags_ListsTheScenarioModels() =>
        (await DotNetClients.ModelNamesAsync(_client)).ShouldBe(["llama3.2:latest", "qwen3:latest", "all-minilm:latest", "default:latest"]);

    [Fact]
    public Task OllamaSharp_Chat_StreamsTheAnswer() => DotNetClients.ChatShouldStreamTheAnswerAsync(_client);

    [Fact]
    public Task OllamaSharp_Think_StreamsThinkingApart() => DotNetClients.ThinkShouldStreamThinkingApartAsync(_client);

    [Fact]
    public Task OllamaSharp_Tools_ComeBackAsToolCalls() => DotNetClients.ToolsShouldComeBackAsToolCallsAsync(_client);

    [Fact]
    public Task OllamaSharp_Generate_StreamsTheAnswer() => DotNetClients.GenerateShouldStreamTheAnswerAsync(_client);

    [Fact]
    public Task ChatClient_Streaming_HasUsageAndFinishReason() => DotNetClients.ChatClientShouldStreamWithUsageAndFinishReasonAsync(_client);

    [Fact]
    public async Task OllamaSharp_Show_HasTheModelsCapabilitiesAndDetails()
    {
        var show = await _client.ShowModelAsync(new ShowModelRequest { Model = "qwen3" }, TestContext.Current.CancellationToken);

        show.Capabilities.ShouldBe(["completion", "tools", "thinking"]);
        show.Details!.Family.ShouldBe("qwen3");
        show.Details.ParameterSize.ShouldBe("8.2B");
    }

    [Fact]
    public async Task OllamaSharp_Ps_ListsTheModelLoadedByAChat()
    {
        await DotNetClients.ChatShouldStreamTheAnswerAsync(_client);

        var running = await _client.ListRunningModelsAsync(TestContext.Current.CancellationToken);

        running.Select(m => m.Name).ShouldBe(["llama3.2:latest"]);
    }

    [Fact]
    public async Task OllamaSharp_Embed_GivesOneVectorPerInputOfTheModelsLength()
    {
        var embed = await _client.EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = ["a", "b"] }, TestContext.Current.CancellationToken);

        embed.Embeddings.Select(e => e.Length).ShouldBe([384, 384]);
    }

    [Fact]
    public async Task EmbeddingGenerator_GivesOneVectorPerInput()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = _client;

        var embeddings = await generator.GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { ModelId = "all-minilm" }, TestContext.Current.CancellationToken);

        embeddings.Select(e => e.Vector.Length).ShouldBe([384, 384]);
    }
}
