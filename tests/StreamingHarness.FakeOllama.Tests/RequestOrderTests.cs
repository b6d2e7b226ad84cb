using Shouldly;
using StreamingHarness.Testing.RawHttp;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>The 0.33 request checks: model names, raw after the lookup, images, max_completion_tokens.</summary>
public sealed class RequestOrderTests
{
    private const string Plain = "name: t\nresponse: \"one two three four\"\n";

    [Theory]
    [InlineData("/api/chat", "{'model':'bad name!','messages':[]}", 400, "invalid model name")]
    [InlineData("/api/generate", "{'model':'bad name!','prompt':'p'}", 400, "invalid model name")]
    [InlineData("/api/chat", "{'model':'x:local:cloud','messages':[]}", 400, "use either :local or :cloud, not both")]
    [InlineData("/api/generate", "{'model':'unknown','prompt':'p','raw':true,'system':'s'}", 404, "model 'unknown' not found")]
    [InlineData("/api/generate", "{'model':'t','prompt':'p','raw':true,'system':'s'}", 400,
        "raw mode does not support template, system, or context")]
    [InlineData(
        "/api/generate", "{'model':'unknown','prompt':'p','images':['aGVsbG8=','a$c=']}", 400,
        "illegal base64 data at input byte 1")]
    [InlineData("/api/chat", "{'model':'unknown','messages':[{'role':'user','content':'x','images':['abc']}]}", 400,
        "illegal base64 data at input byte 0")]
    public async Task Native_Checks_InOllamasOrder(string path, string body, int status, string message)
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(path, Q(body)));

        response.StatusCode.ShouldBe(status);
        response.BodyText.ShouldBe($$"""{"error":"{{message}}"}""");
    }

    [Theory]
    [InlineData("https://example.com/cat.png", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("data:image/gif;base64,aGVsbG8=", "invalid image input")]
    [InlineData("data:image/png;base64,a$", "invalid image input")]
    public async Task OpenAi_ImageUrls_AreDataUrisOnly(string url, string message)
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions",
            Q("{'model':'t','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'") + url + Q("'}}]}]}")));

        response.StatusCode.ShouldBe(400);
        response.BodyText.ShouldBe(
            Q("{'error':{'message':'") + message + Q("','type':'invalid_request_error','param':null,'code':null}}"));
    }

    [Fact]
    public async Task OpenAi_MaxCompletionTokens_IsIgnored_MaxTokensIsNot()
    {
        await using var fake = await StartAsync(Plain);

        var ignored = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", Q("{'model':'t','max_completion_tokens':1,'messages':[{'role':'user','content':'x'}]}")));
        var capped = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", Q("{'model':'t','max_tokens':1,'messages':[{'role':'user','content':'x'}]}")));

        ignored.BodyText.ShouldContain("\"content\":\"one two three four\"");
        capped.BodyText.ShouldContain("\"content\":\"one\"");
    }
}
