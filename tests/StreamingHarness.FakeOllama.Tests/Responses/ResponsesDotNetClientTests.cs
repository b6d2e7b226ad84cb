using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Responses;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.Responses;

/// <summary>The OpenAI .NET SDK's Responses client, unchanged, streaming from <c>/v1/responses</c>.</summary>
public sealed class ResponsesDotNetClientTests
{
    [Fact]
    public async Task OpenAiDotNet_ResponsesStreaming_ReadsTextAndCompletion()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
#pragma warning disable OPENAI001 // the Responses client is marked experimental in 2.14
        var options = new OpenAIClientOptions { Endpoint = new Uri(fake.BaseAddress, "v1") };
        var client = new OpenAIClient(new ApiKeyCredential("ollama"), options).GetResponsesClient();
        var text = new StringBuilder();
        var kinds = new List<string>();
        await foreach (var update in client.CreateResponseStreamingAsync(
            new CreateResponseOptions("m", [ResponseItem.CreateUserMessageItem("hi")]) { StreamingEnabled = true },
            TestContext.Current.CancellationToken))
        {
            kinds.Add(update.GetType().Name);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
        }
#pragma warning restore OPENAI001

        text.ToString().ShouldBe("Hello, world!");
        kinds[0].ShouldBe("StreamingResponseCreatedUpdate");
        kinds[^1].ShouldBe("StreamingResponseCompletedUpdate");
    }
}
