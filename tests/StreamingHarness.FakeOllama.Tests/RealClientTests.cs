using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>Clients nobody here wrote: the official ollama npm package, and the OpenAI .NET SDK on <c>/v1</c>.</summary>
public sealed class RealClientTests
{
    private static Scenario Scenario() => new()
    {
        Name = "clients",
        Models = [new ModelSpec { Name = "m", Capabilities = ["completion", "tools"], EmbeddingLength = 16 }],
        Response = "Hello, world!",
        LoadMs = 1,
        FirstTokenMs = 1,
    };

    [Fact]
    public async Task OllamaJs_StreamsChatListsShowsEmbedsAndSeesErrors()
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());

        var output = await NodeClients.RunAsync(
            "ollama-js-check.mjs", fake.BaseAddress.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ShouldBe(["m:latest", "clients:latest"]);
        result.GetProperty("chatText").GetString().ShouldBe("Hello, world!");
        result.GetProperty("chatParts").GetInt32().ShouldBe(5);
        result.GetProperty("chatDone").GetRawText()
            .ShouldBe("""{"done":true,"done_reason":"stop","eval_count":4,"total_duration_is_integer":true}""");
        result.GetProperty("generate").GetString().ShouldBe("Hello, world!");
        result.GetProperty("missing").GetRawText()
            .ShouldBe("""{"name":"ResponseError","message":"model 'missing' not found","status":404}""");
        result.GetProperty("show").EnumerateArray().Select(c => c.GetString()).ShouldBe(["completion", "tools"]);
        result.GetProperty("embedLength").GetInt32().ShouldBe(16);
    }

    [Fact]
    public async Task OpenAiSdk_StreamsAndCompletesOnV1()
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());
        var client = new ChatClient(
            "m", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(fake.BaseAddress, "v1") });

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync(
            [new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        text.ToString().ShouldBe("Hello, world!");
        finish.ShouldBe(ChatFinishReason.Stop);
        usage.ShouldNotBeNull().OutputTokenCount.ShouldBe(4);

        ChatCompletion completion = await client.CompleteChatAsync(
            [new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);
        completion.Content.Single().Text.ShouldBe("Hello, world!");
        completion.Usage.OutputTokenCount.ShouldBe(4);
    }
}
