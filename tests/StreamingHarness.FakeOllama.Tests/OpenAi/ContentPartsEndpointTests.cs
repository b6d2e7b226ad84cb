using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.OpenAi;

/// <summary>
/// <c>/v1/chat/completions</c> with content as an array of parts, read in the body (#26): the answers are the bytes the
/// fake gave when it read the array as a <c>JsonElement</c> (captured from main at 052affa).
/// </summary>
public sealed partial class ContentPartsEndpointTests
{
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
    public async Task Chat_TextPartsWithEscapesAndAnImage_EchoesThemJoinedByNewlines()
    {
        var (status, body) = await PostAsync(
            """{"model":"echo","messages":[{"role":"user","content":[{"type":"text","text":5},{"type":"text","text":"q\"uo\\te\n"},"""
            + """{"type":"image_url","image_url":{"url":"data:image\/jpeg;base64,aGVs\/G8="}},"""
            + """{"text":"\u00e9\u00e9\u00e9","type":"text"},{"type":"text","text":""},{"type":"text"}]}]}""");

        status.ShouldBe(200);
        body.ShouldBe(
            """{"id":"chatcmpl-382","object":"chat.completion","created":C,"model":"echo","system_fingerprint":"fp_ollama","choices":"""
            + """[{"index":0,"message":{"role":"assistant","content":"\nq\"uo\\te\n\nééé\n\n"},"finish_reason":"stop"}],"""
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":11,\"total_tokens\":22}}\n");
    }

    [Theory]
    [InlineData("""[{"type":"image_url","image_url":{"url":"http://a"}}]},{"role":"user","content":5}]}""", "invalid message format")]
    [InlineData("""[{"type":"image_url","image_url":{"url":"http:\/\/a"}}]},{"role":"user","content":[{"type":"text","text":"t"}]}]}""",
        "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""[{"type":"text","type":"image_url","text":"no"}]}]}""", "invalid image input")]
    public async Task Chat_BadContent_IsTheMiddlewaresErrorInTheOrderItChecks(string rest, string message)
    {
        var (status, body) = await PostAsync("""{"model":"echo","messages":[{"role":"user","content":""" + rest);

        status.ShouldBe(400);
        body.ShouldBe($$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":null,"code":null}}""");
    }

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
