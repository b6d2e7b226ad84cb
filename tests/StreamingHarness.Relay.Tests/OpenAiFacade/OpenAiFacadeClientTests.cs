using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.Relay.Tests.OpenAiFacade;

/// <summary>
/// Real Ollama clients, unchanged, against the relay in <c>openai</c> mode over the fake's <c>/v1</c>: OllamaSharp 5.5.2
/// (and its Microsoft.Extensions.AI chat client) with the same assertions as against Ollama itself, and ollama-js.
/// </summary>
public sealed class OpenAiFacadeClientTests : IAsyncLifetime
{
    private RelayOverFake _env = null!;

    /// <summary>OllamaSharp on the relay; the same object is the Microsoft.Extensions.AI chat client.</summary>
    private OllamaApiClient Client { get; set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _env = await RelayOverFake.StartAsync(builtInScenarios: true, openAiUpstream: true);
        Client = new OllamaApiClient(_env.Relay.CreateClient(), "llama3.2");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _env.DisposeAsync();
    }

    [Fact]
    public Task OllamaSharp_Chat_StreamsTheAnswerWithOllamasCounts() => DotNetClientContract.ChatShouldStreamTheAnswerAsync(Client);

    [Fact]
    public Task OllamaSharp_Think_StreamsThinkingApartFromTheAnswer() => DotNetClientContract.ThinkShouldStreamThinkingApartAsync(Client);

    [Fact]
    public Task OllamaSharp_Tools_AssembledIntoWholeToolCalls() => DotNetClientContract.ToolsShouldComeBackAsToolCallsAsync(Client);

    [Fact]
    public Task OllamaSharp_Generate_StreamsTheAnswerToo() => DotNetClientContract.GenerateShouldStreamTheAnswerAsync(Client);

    [Fact]
    public Task ChatClient_Streaming_HasUsageAndOneFinishReason() =>
        DotNetClientContract.ChatClientShouldStreamWithUsageAndFinishReasonAsync(Client);

    [Fact]
    public async Task OllamaSharp_Tags_AreTheUpstreamsModels()
    {
        var models = await Client.ListLocalModelsAsync(TestContext.Current.CancellationToken);

        models.Select(m => m.Name).ShouldContain("qwen3:latest");
        models.ShouldAllBe(m => m.Size == 0 && m.Digest == "");
    }

    [Fact]
    public async Task OllamaSharp_Show_KnowsTheModelExists_AndNothingMore()
    {
        var show = await Client.ShowModelAsync(new ShowModelRequest { Model = "qwen3" }, TestContext.Current.CancellationToken);

        show.Capabilities.ShouldBe(["completion"]);
        show.Details!.Family.ShouldBe("");
        await Should.ThrowAsync<HttpRequestException>(() =>
            Client.ShowModelAsync(new ShowModelRequest { Model = "nope" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OllamaSharp_Version_IsTheOllamaApiTheFacadeSpeaks() =>
        (await Client.GetVersionAsync(TestContext.Current.CancellationToken)).ShouldBe("0.12.6");

    [Fact]
    public async Task OllamaJs_StreamsChatThinkingToolsAndGenerate_AndATruncatedStreamThrows()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true, kestrel: true, openAiUpstream: true);

        var output = await NodeClients.RunAsync(
            "ollama-js-facade-check.mjs", env.Client.BaseAddress!.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        root.GetProperty("version").GetString().ShouldBe("0.12.6");
        root.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ShouldContain("llama3.2:latest");
        root.GetProperty("chatText").GetString().ShouldBe(DotNetClientContract.Answer);
        root.GetProperty("chatDone").GetRawText().ShouldBe(
            """{"done":true,"done_reason":"stop","eval_count":9,"prompt_eval_count":1,"total_duration_is_integer":true}""");
        root.GetProperty("thinking").GetString().ShouldBe(DotNetClientContract.Thinking);
        root.GetProperty("toolCalls").GetRawText().ShouldBe("""[{"name":"get_weather","arguments":{"city":"Tokyo"}}]""");
        root.GetProperty("generate").GetString().ShouldBe(DotNetClientContract.Answer);
        root.GetProperty("show").GetRawText().ShouldBe("""["completion"]""");
        root.GetProperty("missing").GetRawText().ShouldBe(
            """{"name":"ResponseError","message":"upstream answered 404: model 'missing' not found","status":404}""");
        root.GetProperty("truncation").GetRawText().ShouldBe(
            """{"name":"Error","message":"the upstream ended the stream after 4 events without data: [DONE] or a finish_reason"}""");
    }
}
