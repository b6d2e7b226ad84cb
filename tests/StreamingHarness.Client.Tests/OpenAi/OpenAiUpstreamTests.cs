using System.Net;
using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.Client.Events;
using StreamingHarness.Testing;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Client.Tests.OpenAi;

/// <summary>
/// The client with <see cref="UpstreamProtocol.OpenAi"/> against the fake's <c>/v1</c>: the same typed events as from
/// <c>/api/chat</c>, and the fault scenarios ending in the same codes.
/// </summary>
public sealed class OpenAiUpstreamTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello")];

    [Theory]
    [InlineData("llama3.2")]
    [InlineData("qwen3")]
    public async Task StreamAsync_OverV1_GivesTheSameEventsAsOverApiChat(string model)
    {
        await using var fake = await StartAsync();
        using var native = fake.Client(model);
        using var openAi = fake.Client(model, UseV1(fake));

        var expected = await EventsAsync(native);
        var actual = await EventsAsync(openAi);

        actual.ShouldBe(expected);
        actual[^1].ShouldStartWith("Done stop");
    }

    [Theory]
    [InlineData("silent-truncation", "upstream_protocol")]
    [InlineData("error-midstream", "upstream_protocol")]
    [InlineData("disconnect", "upstream_disconnected")]
    [InlineData("abrupt-close", "upstream_disconnected")]
    public async Task Scenario_FailsAfterTheTokensThatArrived(string scenario, string code)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario, UseV1(fake));

        var (text, error) = await ChatAsync(client);

        error.ShouldNotBeNull().Code.ShouldBe(code);
        error.TokensReceived.ShouldBe(3);
        text.ShouldBe("The quick brown");
    }

    [Fact]
    public async Task Http500_RetriedThenUpstreamErrorWithTheOpenAiErrorsMessage()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("http-500", UseV1(fake));

        var (_, error) = await ChatAsync(client);

        error.ShouldNotBeNull().Code.ShouldBe("upstream_error");
        error.UpstreamStatus.ShouldBe(HttpStatusCode.InternalServerError);
        error.Message.ShouldBe("upstream answered 500: timed out waiting for llama runner to start - progress 0.00 - ");
        fake.Server.Journal.Entries.Count(e => e.Path == "/v1/chat/completions").ShouldBe(3);
    }

    [Fact]
    public async Task RateLimited429_ARetryAfterLongerThanMaxRetryAfter_FailsAtOnceWithIt()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("rate-limited-429", o =>
        {
            UseV1(fake)(o);
            o.MaxRetryAfter = TimeSpan.FromSeconds(1);
        });

        var (_, error) = await ChatAsync(client);

        error.ShouldNotBeNull().UpstreamStatus.ShouldBe(HttpStatusCode.TooManyRequests);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));

        // The client can read the 429 before the fake has finished journaling it: wait for the finished entry.
        var entry = await fake.Server.Journal.WaitForAsync(
            e => e.Path == "/v1/chat/completions", Eventually.DefaultDeadline, TestContext.Current.CancellationToken);
        fake.Server.Journal.Entries.ShouldHaveSingleItem();
        (entry.Path, entry.Status, entry.Ending).ShouldBe(("/v1/chat/completions", 429, StreamEnding.Fault));
    }

    private static Action<OllamaStreamingOptions> UseV1(Infrastructure.FakeOllama fake) => options =>
    {
        options.Protocol = UpstreamProtocol.OpenAi;
        options.BaseAddress = new Uri(fake.BaseAddress, "v1/");
    };

    private static async Task<List<string>> EventsAsync(OllamaStreamingChatClient client)
    {
        var events = new List<string>();
        await foreach (var item in client.StreamAsync(Hello, cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add(item.Kind switch
            {
                OllamaStreamEventKind.Done =>
                    $"Done {item.Summary!.DoneReason} {item.Summary.PromptTokens} {item.Summary.CompletionTokens}",
                OllamaStreamEventKind.ToolCall => $"ToolCall {item.ToolCall!.Name}",
                _ => $"{item.Kind} {item.Text}",
            });
        }

        return events;
    }
}
