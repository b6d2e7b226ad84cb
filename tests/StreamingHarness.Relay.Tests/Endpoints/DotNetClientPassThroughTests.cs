using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// OllamaSharp and Microsoft.Extensions.AI pointed at the relay instead of Ollama: the pass-through must look like
/// Ollama to them, exactly as the fake does (the same checks run against the fake directly).
/// </summary>
public sealed class DotNetClientPassThroughTests : IAsyncLifetime
{
    private RelayOverFake _env = null!;
    private OllamaSharp.OllamaApiClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _env = await RelayOverFake.StartAsync(builtInScenarios: true);
        _client = new OllamaSharp.OllamaApiClient(_env.Relay.CreateClient(), "llama3.2");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _env.DisposeAsync();
    }

    [Fact]
    public async Task OllamaSharp_Tags_ListsTheUpstreamModels()
    {
        using var direct = DotNetClients.Ollama(_env.Fake.BaseAddress);

        var models = await DotNetClients.ModelNamesAsync(_client);

        models.ShouldBe(await DotNetClients.ModelNamesAsync(direct));
        models.ShouldContain("qwen3:latest");
    }

    [Fact]
    public async Task OllamaSharp_Version_IsTheUpstreams() =>
        (await _client.GetVersionAsync(TestContext.Current.CancellationToken)).ShouldBe("0.12.6");

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
}
