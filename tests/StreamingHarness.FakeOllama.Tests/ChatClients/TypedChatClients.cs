using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace StreamingHarness.FakeOllama.Tests.ChatClients;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over the two official .NET SDKs, unchanged, pointed at the fake:
/// the OpenAI SDK's Responses client (<c>/v1/responses</c>, through Microsoft.Extensions.AI.OpenAI) and Anthropic 13.15.0
/// (<c>/v1/messages</c>, its own <c>AsIChatClient</c>). Retries off, so a fault is seen as it happened.
/// </summary>
internal static class TypedChatClients
{
    public const string Responses = "responses";
    public const string Anthropic = "anthropic";

    public static TheoryData<string> Both => [Responses, Anthropic];

    public static IChatClient Create(string protocol, Uri fake, string model) => protocol switch
    {
        Responses => OpenAiResponses(fake, model),
        Anthropic => new AnthropicClient { ApiKey = "ollama", BaseUrl = fake.ToString().TrimEnd('/'), MaxRetries = 0 }
            .AsIChatClient(model, 64),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "responses or anthropic"),
    };

    private static IChatClient OpenAiResponses(Uri fake, string model)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fake, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
#pragma warning disable OPENAI001 // the Responses client is marked experimental in 2.14
        return new OpenAIClient(new ApiKeyCredential("ollama"), options).GetResponsesClient().AsIChatClient(model);
#pragma warning restore OPENAI001
    }
}
