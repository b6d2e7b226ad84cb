using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Chat;

public sealed class ChatClientTests
{
    private static readonly Scenario Weather = new()
    {
        Name = "weather",
        Response = "It is sunny.",
        Models = [new ModelSpec { Name = "weather", Capabilities = ["completion", "tools"] }],
        ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Paris" } }],
    };

    [Fact]
    public async Task GetResponseAsync_WholeAnswerWithUsageAndFinishReason()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("blank-lines");

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        response.Text.ShouldBe(Sentence);
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        var chat = (await fake.FinishedChatsAsync()).Single();
        response.Usage!.OutputTokenCount.ShouldBe(chat.TokensDelivered);
        response.Usage.InputTokenCount!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ToolCalls_ReachUseFunctionInvocation_AndTheSecondTurnCarriesTheResult()
    {
        await using var fake = await StartAsync(1, Weather);
        using var inner = fake.Client("weather");
        var calls = new List<string>();
        var tool = AIFunctionFactory.Create(
            ([Description("the city")] string city) => { calls.Add(city); return "22 degrees"; }, "get_weather");
        using var client = new ChatClientBuilder(inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 1).Build();

        await client.GetResponseAsync("weather in Paris?", new ChatOptions { Tools = [tool] }, TestContext.Current.CancellationToken);

        calls.ShouldBe(["Paris"]);
        var chats = await fake.FinishedChatsAsync(2);
        chats.Count.ShouldBeGreaterThanOrEqualTo(2);
        using var second = JsonDocument.Parse(chats[1].Body!);
        var messages = second.RootElement.GetProperty("messages").EnumerateArray().ToList();
        messages[1].GetProperty("role").GetString().ShouldBe("assistant");
        messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        messages[2].GetProperty("role").GetString().ShouldBe("tool");
        messages[2].GetProperty("tool_name").GetString().ShouldBe("get_weather");
        messages[2].GetProperty("content").GetString().ShouldBe("22 degrees");
    }

    [Fact]
    public async Task UseOpenTelemetry_TheChatSpanCarriesOllamasTokenCounts()
    {
        await using var fake = await StartAsync();
        using var inner = fake.Client("empty-chunks");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "client-test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new ChatClientBuilder(inner).UseOpenTelemetry(sourceName: "client-test").Build();

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        var span = spans.ShouldHaveSingleItem();
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe((int)response.Usage!.OutputTokenCount!.Value);
        span.GetTagItem("gen_ai.provider.name").ShouldBe("ollama");
    }

    [Fact]
    public async Task StreamingThreshold_AShortPromptGoesNonStreamingAndComesBackWhole()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("empty-chunks", o => o.StreamingThreshold = 1000);

        var updates = await client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        updates.Count(u => u.Text.Length > 0).ShouldBe(1);
        updates.Select(u => u.Text).ShouldContain(Sentence);
        (await fake.FinishedChatsAsync()).Single().Body!.ShouldContain("\"stream\":false");
    }

    [Fact]
    public async Task Embeddings_ThroughIEmbeddingGenerator()
    {
        await using var fake = await StartAsync();
        using var generator = new OllamaEmbeddingGenerator(fake.Options("all-minilm"));

        var embeddings = await generator.GenerateAsync(["a", "b", "a"], cancellationToken: TestContext.Current.CancellationToken);

        embeddings.Count.ShouldBe(3);
        embeddings[0].Vector.Length.ShouldBe(384);
        embeddings[0].Vector.ToArray().ShouldBe(embeddings[2].Vector.ToArray());
        embeddings[0].Vector.ToArray().ShouldNotBe(embeddings[1].Vector.ToArray());
    }

    [Fact]
    public void AddOllamaStreamingChatClient_BindsConfigurationAndResolvesTheChatClient()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ollama:BaseAddress"] = "http://127.0.0.1:11434",
            ["Ollama:Model"] = "llama3.2",
            ["Ollama:IdleTimeout"] = "00:00:10",
        }).Build();
        using var services = new ServiceCollection().AddOllamaStreamingChatClient(configuration.GetSection("Ollama"))
            .BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetRequiredService<IChatClient>().ShouldBeSameAs(services.GetRequiredService<OllamaStreamingChatClient>());
        services.GetRequiredService<IOptions<OllamaStreamingOptions>>().Value.IdleTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldBeOfType<OllamaEmbeddingGenerator>();
    }

    [Fact]
    public void AddOllamaStreamingChatClient_BadValuesFailAtStartNamingTheSetting()
    {
        using var services = new ServiceCollection()
            .AddOllamaStreamingChatClient(o => (o.Model, o.IdleTimeout, o.BaseAddress) = (null, TimeSpan.FromHours(2), new Uri("ftp://x/")))
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        error.Failures.ShouldContain(f => f.Contains("Model", StringComparison.Ordinal));
        error.Failures.ShouldContain(
            f => f.Contains("IdleTimeout", StringComparison.Ordinal) && f.Contains("01:00:00", StringComparison.Ordinal));
        error.Failures.ShouldContain("BaseAddress must be an absolute http:// or https:// address; got 'ftp://x/'.");
    }

    [Fact]
    public void Constructor_InvalidOptionsThrowTheSameValidationError()
    {
        var error = Should.Throw<OptionsValidationException>(
            () => new OllamaStreamingChatClient(new OllamaStreamingOptions { Model = "m", MaxRetries = 11 }));

        error.Failures.ShouldContain(f => f.Contains("MaxRetries", StringComparison.Ordinal));
    }
}
