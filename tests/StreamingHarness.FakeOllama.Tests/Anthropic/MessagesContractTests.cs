using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Responses;
using StreamingHarness.FakeOllama.Tests.Support;
using static StreamingHarness.FakeOllama.Tests.Responses.ResponsesContractTests;

namespace StreamingHarness.FakeOllama.Tests.Anthropic;

/// <summary><c>/v1/messages</c> byte for byte against Ollama's anthropic.StreamConverter and ToMessagesResponse.</summary>
public sealed partial class MessagesContractTests
{
    [GeneratedRegex("\"(msg|req)_[0-9a-f]{24}\"")]
    private static partial Regex Ids();

    [GeneratedRegex("\"call_[a-z0-9]{8}\"")]
    private static partial Regex CallIds();

    internal static string MaskIds(string text) => CallIds().Replace(Ids().Replace(text, "\"$1_N\""), "\"call_N\"");

    private static HttpRequestMessage Post(string body, bool anthropicHeaders = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = ResponsesContractTests.Json(body) };
        if (anthropicHeaders)
        {
            request.Headers.Add("x-api-key", "any-key-at-all");
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }

    [Fact]
    public async Task Stream_ThinkingThenText_SendsBlocksDeltasStopsThenMessageDeltaAndStop()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(
            Post("""{"model":"qwen3","max_tokens":64,"stream":true,"system":"Be brief.","messages":[{"role":"user","content":"hey"}]}"""),
            TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/event-stream");
        response.Headers.CacheControl!.ToString().ShouldBe("no-cache");
        string[] events =
        [
            // (len("Be brief.") + len("user") + len("hey")) / 4 = 4 estimated input tokens, as Ollama estimates them.
            "message_start\ndata: " + J("{'type':'message_start','message':{'id':'msg_N','type':'message','role':'assistant',")
                + J("'model':'qwen3','content':[],'usage':{'input_tokens':4,'output_tokens':0}}}"),
            "content_block_start\ndata: " + J("{'type':'content_block_start','index':0,'content_block':{'type':'thinking','thinking':''}}"),
            "content_block_delta\ndata: " + J("{'type':'content_block_delta','index':0,'delta':{'type':'thinking_delta','thinking':'Hm'}}"),
            "content_block_stop\ndata: " + J("{'type':'content_block_stop','index':0}"),
            "content_block_start\ndata: " + J("{'type':'content_block_start','index':1,'content_block':{'type':'text','text':''}}"),
            "content_block_delta\ndata: " + J("{'type':'content_block_delta','index':1,'delta':{'type':'text_delta','text':'Hi'}}"),
            "content_block_delta\ndata: " + J("{'type':'content_block_delta','index':1,'delta':{'type':'text_delta','text':' there'}}"),
            "content_block_stop\ndata: " + J("{'type':'content_block_stop','index':1}"),
            "message_delta\ndata: "
                + J("{'type':'message_delta','delta':{'stop_reason':'end_turn'},'usage':{'input_tokens':1,'output_tokens':3}}"),
            "message_stop\ndata: " + J("{'type':'message_stop'}"),
        ];
        MaskIds(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe(string.Join("", events.Select(e => "event: " + e + "\n\n")));
    }

    [Fact]
    public async Task Stream_ToolUse_IsABlockWithEmptyInputThenTheWholeInputInOneJsonDelta()
    {
        await using var fake = await TestScenarios.StartAsync(ResponsesClientTests.Tools());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(
            Post("""{"model":"tools","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"w"}],"""
                + J("'tools':[{'name':'get_weather','input_schema':{'type':'object'}}]}")),
            TestContext.Current.CancellationToken);

        var body = MaskIds(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.ShouldEndWith(
            "event: content_block_start\ndata: "
            + J("{'type':'content_block_start','index':0,")
            + J("'content_block':{'type':'tool_use','id':'call_N','name':'get_weather','input':{}}}")
            + "\n\nevent: content_block_delta\ndata: "
            + J("{'type':'content_block_delta','index':0,'delta':{'type':'input_json_delta','partial_json':'{\\'city\\':\\'Tokyo\\'}'}}")
            + "\n\nevent: content_block_stop\ndata: " + J("{'type':'content_block_stop','index':0}")
            + "\n\nevent: message_delta\ndata: "
            + J("{'type':'message_delta','delta':{'stop_reason':'tool_use'},'usage':{'input_tokens':1,'output_tokens':0}}")
            + "\n\nevent: message_stop\ndata: " + J("{'type':'message_stop'}") + "\n\n");
    }

    [Fact]
    public async Task NotStreamed_WithoutAnthropicHeaders_IsOneMessageWithANewline()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(
            Post("""{"model":"qwen3","max_tokens":2,"messages":[{"role":"user","content":[{"type":"text","text":"hey"}]}]}""", false),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        MaskIds(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            J("{'id':'msg_N','type':'message','role':'assistant','model':'qwen3','content':[{'type':'thinking','thinking':'Hm'},")
            + J("{'type':'text','text':'Hi'}],'stop_reason':'max_tokens','usage':{'input_tokens':1,'output_tokens':2}}") + "\n");
    }

    [Theory]
    [InlineData("", 400, "EOF")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", 400, "model is required")]
    [InlineData("""{"model":"qwen3","messages":[{"role":"user","content":"x"}]}""", 400, "max_tokens is required and must be positive")]
    [InlineData("""{"model":"qwen3","max_tokens":5,"messages":[]}""", 400, "messages is required")]
    [InlineData("""{"model":"qwen3","max_tokens":"5","messages":[]}""", 400,
        "json: cannot unmarshal string into Go struct field MessagesRequest.max_tokens of type int")]
    [InlineData("""{"model":"qwen3","max_tokens":5,"messages":[{"role":"user","content":7}]}""", 400,
        "json: cannot unmarshal number into Go value of type []anthropic.ContentBlock")]
    [InlineData("""{"model":"qwen3","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","name":"f"}]}]}""", 400,
        "tool_use block missing required 'id' field")]
    [InlineData("""{"model":"nope","max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", 404, "model 'nope' not found")]
    public async Task Refusal_HasAnthropicsErrorShape(string body, int status, string message)
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(Post(body), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        // The middleware's own refusals are gin's c.JSON; the chat handler's go through the writer's json.Encoder.
        var fromHandler = status == 404;
        response.Content.Headers.ContentType!.ToString().ShouldBe(fromHandler ? "application/json" : "application/json; charset=utf-8");
        var type = fromHandler ? "not_found_error" : "invalid_request_error";
        MaskIds(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},\"request_id\":\"req_N\"}"
            + (fromHandler ? "\n" : ""));
    }
}
