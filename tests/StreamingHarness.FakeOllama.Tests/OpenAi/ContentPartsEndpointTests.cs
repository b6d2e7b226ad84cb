using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.OpenAi;

/// <summary>
/// <c>/v1/chat/completions</c> with content as an array of parts, as Ollama's middleware turns it into native messages
/// (<c>openai/openai.go:559-638</c> at v0.33.0-rc2): each part a message of its own, the prompt the last user one's
/// content, and the middleware's errors in the order it meets them.
/// </summary>
public sealed partial class ContentPartsEndpointTests
{
    private const string Image = "data:image/jpeg;base64,aGVs/G8=";

    /// <summary>Go's <c>%T</c> of a nil <c>any</c>, as gin's c.JSON writes it (json.Marshal escapes <c>&lt;</c> and <c>&gt;</c>).</summary>
    private const string Http = "image URLs are not currently supported, please use base64 encoded data instead";

    private const string AudioBase64 = "invalid input_audio base64 data: illegal base64 data at input byte ";

    private const string Nil = "invalid message content type: \\u003cnil\\u003e";

    [GeneratedRegex("\"created\":\\d+,")]
    private static partial Regex Created();

    private static Scenario Echo() => new()
    {
        Name = "echo",
        Models = [new ModelSpec { Name = "echo", Capabilities = ["completion", "tools"] }],
        Echo = true,
        Seed = 7,
    };

    [Fact]
    public async Task Chat_TextPartsWithEscapesAndAnImage_EchoesTheLastPartAlone()
    {
        var (status, body) = await PostAsync(
            """{"model":"echo","messages":[{"role":"user","content":[{"type":"text","text":"q\"uo\\te\n"},"""
            + """{"type":"image_url","image_url":{"url":"data:image\/jpeg;base64,aGVs\/G8="}},"""
            + """{"text":"\u00e9\u00e9 \u00e9","type":"text"}]}]}""");

        status.ShouldBe(200);
        body.ShouldBe(Completion("éé é", promptTokens: 2));
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"first part"},{"type":"image_url","image_url":{"url":"IMAGE"}}]""", "", 1)]
    [InlineData("""[{"type":"text","text":"look"},{"type":"input_audio","input_audio":{"data":"aGVsbG8=","format":"wav"}}]""", "", 1)]
    [InlineData("""[{"type":"image_url","image_url":"IMAGE"},{"type":"text","text":"a string url"}]""", "a string url", 3)]
    [InlineData("""[]},{"role":"assistant","content":"after" """, "earlier", 1)]
    [InlineData("""null,"tool_calls":[]},{"role":"assistant","content":"after" """, "", 1)]
    public async Task Chat_PartsAreMessagesOfTheirOwn_PromptIsTheLastUserOnes(string content, string prompt, int promptTokens)
    {
        var (status, body) = await PostAsync(
            """{"model":"echo","messages":[{"role":"user","content":"earlier"},{"role":"user","content":"""
            + content.Replace("IMAGE", Image, StringComparison.Ordinal) + "}]}");

        status.ShouldBe(200);
        body.ShouldBe(Completion(prompt, promptTokens));
    }

    [Theory]
    [InlineData("""[5]""", "invalid message format")]
    [InlineData("""[null]""", "invalid message format")]
    [InlineData("""["raw text"]""", "invalid message format")]
    [InlineData("""[{"type":"text","text":"ok"},[{"type":"text","text":"nested"}]]""", "invalid message format")]
    [InlineData("""[{"type":"audio","text":"x"}]""", "invalid message format")]
    [InlineData("""[{"text":"no type"}]""", "invalid message format")]
    [InlineData("""[{"type":5,"text":"x"}]""", "invalid message format")]
    [InlineData("""[{"TYPE":"text","text":"x"}]""", "invalid message format")]
    [InlineData("""[{"type":"text","text":5}]""", "invalid message format")]
    [InlineData("""[{"type":"text","text":null}]""", "invalid message format")]
    [InlineData("""[{"type":"text"}]""", "invalid message format")]
    [InlineData("""[{"type":"text","TEXT":"x"}]""", "invalid message format")]
    [InlineData("""[{"type":"image_url","image_url":{"url":5}}]""", "invalid message format")]
    [InlineData("""[{"type":"image_url","image_url":{"uri":"IMAGE"}}]""", "invalid message format")]
    [InlineData("""[{"type":"image_url","image_url":5}]""", "invalid message format")]
    [InlineData("""[{"type":"image_url"}]""", "invalid message format")]
    [InlineData("""[{"type":"image_url","image_url":"https://x/y.png"}]""", Http)]
    [InlineData("""[{"type":"image_url","image_url":"data:image/gif;base64,aGVsbG8="}]""", "invalid image input")]
    [InlineData("""[{"type":"input_audio","input_audio":"aGVsbG8="}]""", "invalid input_audio format")]
    [InlineData("""[{"type":"input_audio"}]""", "invalid input_audio format")]
    [InlineData("""[{"type":"input_audio","input_audio":{"format":"wav"}}]""", "invalid input_audio format: missing data")]
    [InlineData("""[{"type":"input_audio","input_audio":{"data":5}}]""", "invalid input_audio format: missing data")]
    [InlineData("""[{"type":"input_audio","input_audio":{"data":"aGVsbG8"}}]""", AudioBase64 + "4")]
    [InlineData("""[{"type":"input_audio","input_audio":{"data":"aGV\u00e9bG8="}}]""", AudioBase64 + "3")]
    [InlineData("null", Nil)]
    [InlineData("null,\"tool_calls\":null", Nil)]
    [InlineData("5", "invalid message content type: float64")]
    [InlineData("true", "invalid message content type: bool")]
    [InlineData("""{"type":"text","text":"x"}""", "invalid message content type: map[string]interface {}")]
    public async Task Chat_BadContentInAnEarlierMessage_IsTheMiddlewaresError(string content, string message)
    {
        var (status, body) = await PostAsync(
            """{"model":"echo","messages":[{"role":"user","content":"""
            + content.Replace("IMAGE", Image, StringComparison.Ordinal) + """},{"role":"user","content":"last"}]}""");

        status.ShouldBe(400);
        body.ShouldBe(Error(message));
    }

    [Theory]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"http:\/\/a"}}]},{"role":"user","content":5}""", Http)]
    [InlineData("""{"role":"user","content":5},{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://a"}}]}""",
        "invalid message content type: float64")]
    [InlineData("""{"role":"user","content":[{"type":"input_audio"},{"type":"text","text":5}]}""", "invalid input_audio format")]
    [InlineData("""{"role":"user","content":[{"type":"text","type":"image_url","text":"no"}]}""", "invalid message format")]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"t"}]},{"role":"assistant"}""", Nil)]
    public async Task Chat_BadContent_IsTheFirstErrorInMessageOrder(string messages, string message)
    {
        var (status, body) = await PostAsync("""{"model":"echo","messages":[""" + messages + "]}");

        status.ShouldBe(400);
        body.ShouldBe(Error(message));
    }

    private static string Completion(string content, int promptTokens)
    {
        var tokens = content.Length == 0 ? 0 : TokenCount(content);
        return """{"id":"chatcmpl-382","object":"chat.completion","created":C,"model":"echo","system_fingerprint":"fp_ollama","""
            + $$"""
               "choices":[{"index":0,"message":{"role":"assistant","content":"{{content}}"},"finish_reason":"stop"}],
               """.Trim()
            + $$$"""
               "usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{tokens}}},"total_tokens":{{{promptTokens + tokens}}}}}
               """.Trim() + "\n";
    }

    private static int TokenCount(string content) => content switch
    {
        "éé é" => 2,
        "a string url" => 3,
        "earlier" => 1,
        _ => throw new ArgumentException($"No token count written down for '{content}'.", nameof(content)),
    };

    private static string Error(string message) =>
        $$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":null,"code":null}}""";

    private static async Task<(int Status, string Body)> PostAsync(string json)
    {
        await using var fake = await TestScenarios.StartAsync(Echo());
        using var client = TestScenarios.Client(fake);
        using var response = await client.PostAsync(
            "v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, Created().Replace(body, "\"created\":C,"));
    }
}
