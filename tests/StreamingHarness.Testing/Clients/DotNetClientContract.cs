using Xunit;
using System.Text;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using Shouldly;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using OllamaChatRole = OllamaSharp.Models.Chat.ChatRole;

namespace StreamingHarness.Testing.Clients;

/// <summary>
/// The .NET clients people use, OllamaSharp and its Microsoft.Extensions.AI <see cref="IChatClient"/>, run against
/// a server answering with (at least) the built-in <c>default</c> scenario (llama3.2 with tools, qwen3 thinking,
/// all-minilm embeddings). The same tests run against the fake (directly) and the relay (its Ollama pass-through).
/// </summary>
public abstract class DotNetClientContract : IAsyncLifetime
{
    public const string Answer = "Hello! How can I help you today?";
    public const string Thinking = "Okay, the user wants a short, clear answer. Let me keep it simple.";

    /// <summary>The fake's counts for the answer and the one-word prompt "hello" (Ollama's eval_count, prompt_eval_count).</summary>
    public const int AnswerTokens = 9;
    public const int PromptTokens = 1;

    /// <summary>OllamaSharp on the server under test; the same object is the <see cref="IChatClient"/>.</summary>
    protected OllamaApiClient Client { get; private set; } = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static OllamaApiClient Ollama(Uri baseAddress) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, "llama3.2");

    public static async Task<List<string>> ModelNamesAsync(OllamaApiClient client) =>
        [.. (await client.ListLocalModelsAsync(Cancellation)).Select(m => m.Name)];

    public async ValueTask InitializeAsync() => Client = new OllamaApiClient(await StartServerAsync(), "llama3.2");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopServerAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public Task OllamaSharp_Chat_StreamsTheAnswer() => ChatShouldStreamTheAnswerAsync(Client);

    [Fact]
    public Task OllamaSharp_Think_StreamsThinkingApart() => ThinkShouldStreamThinkingApartAsync(Client);

    [Fact]
    public Task OllamaSharp_Tools_ComeBackAsToolCalls() => ToolsShouldComeBackAsToolCallsAsync(Client);

    [Fact]
    public Task OllamaSharp_Generate_StreamsTheAnswer() => GenerateShouldStreamTheAnswerAsync(Client);

    [Fact]
    public Task ChatClient_Streaming_HasUsageAndFinishReason() => ChatClientShouldStreamWithUsageAndFinishReasonAsync(Client);

    [Fact]
    public async Task OllamaSharp_Show_HasTheModelsCapabilitiesAndDetails()
    {
        var show = await Client.ShowModelAsync(new ShowModelRequest { Model = "qwen3" }, Cancellation);

        show.Capabilities.ShouldBe(["completion", "tools", "thinking"]);
        show.Details!.Family.ShouldBe("qwen3");
        show.Details.ParameterSize.ShouldBe("8.2B");
    }

    [Fact]
    public async Task OllamaSharp_Ps_ListsTheModelLoadedByAChat()
    {
        await ChatShouldStreamTheAnswerAsync(Client);

        var running = await Client.ListRunningModelsAsync(Cancellation);

        running.Select(m => m.Name).ShouldBe(["llama3.2:latest"]);
    }

    [Fact]
    public async Task OllamaSharp_Embed_GivesOneVectorPerInputOfTheModelsLength()
    {
        var request = new EmbedRequest { Model = "all-minilm", Input = ["a", "b"] };

        var embed = await Client.EmbedAsync(request, Cancellation);

        embed.Embeddings.Select(e => e.Length).ShouldBe([384, 384]);
    }

    [Fact]
    public async Task EmbeddingGenerator_GivesOneVectorPerInput()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = Client;
        var options = new EmbeddingGenerationOptions { ModelId = "all-minilm" };

        var embeddings = await generator.GenerateAsync(["a", "b"], options, Cancellation);

        embeddings.Select(e => e.Vector.Length).ShouldBe([384, 384]);
    }

    /// <summary>Starts the server under test; returns a client whose base address is it.</summary>
    protected abstract Task<HttpClient> StartServerAsync();

    protected abstract ValueTask StopServerAsync();

    public static async Task ChatShouldStreamTheAnswerAsync(OllamaApiClient client)
    {
        var (text, thinking, done) = await ChatAsync(
            client, new ChatRequest { Model = "llama3.2", Messages = [new Message(OllamaChatRole.User, "hello")] });

        text.ShouldBe(Answer);
        thinking.ShouldBeEmpty();
        done.DoneReason.ShouldBe("stop");
        done.EvalCount.ShouldBe(AnswerTokens);
        done.PromptEvalCount.ShouldBe(PromptTokens);
    }

    public static async Task ThinkShouldStreamThinkingApartAsync(OllamaApiClient client)
    {
        var (text, thinking, done) = await ChatAsync(
            client, new ChatRequest { Model = "qwen3", Think = true, Messages = [new Message(OllamaChatRole.User, "hello")] });

        thinking.ShouldBe(Thinking);
        text.ShouldBe(Answer);
        done.DoneReason.ShouldBe("stop");
    }

    public static async Task ToolsShouldComeBackAsToolCallsAsync(OllamaApiClient client)
    {
        var weather = new Tool
        {
            Function = new Function
            {
                Name = "get_weather",
                Description = "The weather in a city",
                Parameters = new Parameters
                {
                    Properties = new Dictionary<string, Property> { ["city"] = new() { Type = "string" } },
                    Required = ["city"],
                },
            },
        };
        var calls = new List<Message.ToolCall>();
        var request = new ChatRequest
        {
            Model = "llama3.2", Tools = [weather], Messages = [new Message(OllamaChatRole.User, "weather in Tokyo?")],
        };
        await foreach (var chunk in client.ChatAsync(request, Cancellation))
        {
            calls.AddRange(chunk?.Message.ToolCalls ?? []);
        }

        var call = calls.ShouldHaveSingleItem();
        call.Function!.Name.ShouldBe("get_weather");
        call.Function.Arguments!.Select(a => (a.Key, a.Value?.ToString())).ShouldBe([("city", "Tokyo")]);
    }

    public static async Task GenerateShouldStreamTheAnswerAsync(OllamaApiClient client)
    {
        var text = new StringBuilder();
        GenerateDoneResponseStream? done = null;
        await foreach (var chunk in client.GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "hello" }, Cancellation))
        {
            text.Append(chunk?.Response);
            done ??= chunk as GenerateDoneResponseStream;
        }

        text.ToString().ShouldBe(Answer);
        done.ShouldNotBeNull().DoneReason.ShouldBe("stop");
    }

    /// <summary>Microsoft.Extensions.AI's streaming chat: text, the finish reason, and Ollama's counts as usage.</summary>
    public static async Task ChatClientShouldStreamWithUsageAndFinishReasonAsync(IChatClient chat)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(
            [new AiChatMessage(AiChatRole.User, "hello")], new ChatOptions { ModelId = "llama3.2" }, Cancellation))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        response.Text.ShouldBe(Answer);
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.Usage.ShouldNotBeNull();
        response.Usage.OutputTokenCount.ShouldBe(AnswerTokens);
        response.Usage.InputTokenCount.ShouldBe(PromptTokens);
        response.Usage.TotalTokenCount.ShouldBe(response.Usage.InputTokenCount + response.Usage.OutputTokenCount);
        updates.Count(u => u.FinishReason is not null).ShouldBe(1);
    }

    private static async Task<(string Text, string Thinking, ChatDoneResponseStream Done)> ChatAsync(
        OllamaApiClient client, ChatRequest request)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        ChatDoneResponseStream? done = null;
        await foreach (var chunk in client.ChatAsync(request, Cancellation))
        {
            text.Append(chunk?.Message.Content);
            thinking.Append(chunk?.Message.Thinking);
            done ??= chunk as ChatDoneResponseStream;
        }

        return (text.ToString(), thinking.ToString(), done.ShouldNotBeNull());
    }
}
