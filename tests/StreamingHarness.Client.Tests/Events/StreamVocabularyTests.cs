using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.Client.Events;

namespace StreamingHarness.Client.Tests.Events;

/// <summary>The client on the stream vocabulary's definitions (Protocol/Streams): what a token is, which count stands.</summary>
public sealed class StreamVocabularyTests
{
    private const string Head = """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""" + "\"";
    private const string ToolCall =
        """{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":"""
        + """[{"function":{"name":"f","arguments":{}}}]},"done":false}""" + "\n";

    [Fact]
    public async Task StreamAsync_EvalCountZeroAfterText_CountsTheOutputChunks()
    {
        var events = await StreamAsync(Token("a"), Token("b"), ToolCall, Done(evalCount: 0));

        events[^1].Summary!.CompletionTokens.ShouldBe(3, "two tokens and a tool call; eval_count 0 is not credible");
    }

    [Fact]
    public async Task StreamAsync_CredibleEvalCount_IsTheServersCount()
    {
        var events = await StreamAsync(Token("a"), Token("b"), Done(evalCount: 3));

        events[^1].Summary!.CompletionTokens.ShouldBe(3);
    }

    [Fact]
    public async Task StreamAsync_DoneWithoutOutput_IsOneDoneEventWithNoTokens()
    {
        var events = await StreamAsync(Token(""), Done(evalCount: 0));

        events.Select(e => e.Kind).ShouldBe([OllamaStreamEventKind.Done]);
        events[0].Summary!.CompletionTokens.ShouldBe(0);
        events[0].Summary!.TimeToFirstToken.ShouldBe(events[0].Summary!.Elapsed, "no first token: the end stands in for it");
    }

    internal static string Token(string text) => Head + text + "\"},\"done\":false}\n";

    internal static string Done(long evalCount) =>
        Head + "\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":" + evalCount + "}\n";

    internal static async Task<List<OllamaStreamEvent>> StreamAsync(params string[] lines)
    {
        using var http = new HttpClient(new FixedBody(string.Concat(lines))) { BaseAddress = new Uri("http://ollama.invalid/") };
        using var client = new OllamaStreamingChatClient(new OllamaStreamingOptions { Model = "m", MaxRetries = 0 }, http);
        var events = new List<OllamaStreamEvent>();
        await foreach (var item in client.StreamAsync([new ChatMessage(ChatRole.User, "hi")],
            cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        return events;
    }

    private sealed class FixedBody(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            });
    }
}
