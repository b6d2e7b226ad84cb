using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.Responses;

/// <summary><c>/v1/responses</c> byte for byte against Ollama's ResponsesStreamConverter and ToResponse.</summary>
public sealed partial class ResponsesContractTests
{
    [GeneratedRegex("\"(created_at|completed_at)\":\\d+")]
    private static partial Regex Times();

    [GeneratedRegex("\"(rs_resp|resp|msg|rs|fc)_\\d+")]
    private static partial Regex Ids();

    /// <summary>Unix times become T after their format is checked; ids keep their prefix (Ollama's are random numbers).</summary>
    internal static string Mask(string text) => Ids().Replace(Times().Replace(text, "\"$1\":T"), "\"$1_N");

    /// <summary>JSON written with single quotes, so it reads without escapes.</summary>
    internal static string J(string text) => text.Replace('\'', '"');

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static Scenario Thinker(string name = "thinker") => new()
    {
        Name = name,
        Models = [new ModelSpec { Name = "qwen3", Capabilities = ["completion", "tools", "thinking"] }],
        Thinking = "Hm",
        Response = "Hi there",
    };

    private static readonly string InProgress =
        J("{'response':{'background':false,'completed_at':null,'created_at':T,'error':null,'frequency_penalty':0,'id':'resp_N',")
        + J("'incomplete_details':null,'instructions':null,'max_output_tokens':null,'max_tool_calls':null,'metadata':{},'model':'qwen3',")
        + J("'object':'response','output':[],'parallel_tool_calls':true,'presence_penalty':0,'previous_response_id':null,")
        + J("'prompt_cache_key':null,'reasoning':null,'safety_identifier':null,'service_tier':'default',")
        + J("'status':'in_progress','store':false,")
        + J("'temperature':1,'text':{'format':{'type':'text'}},'tool_choice':'auto','tools':[],'top_logprobs':0,'top_p':1,")
        + J("'truncation':'disabled','usage':null},");

    [Fact]
    public async Task Stream_ThinkingThenText_SendsOllamasEventsInOrderWithSequenceNumbersAndNoDone()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/responses", Json("""{"model":"qwen3","input":"hey","stream":true}"""), TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/event-stream");
        response.Headers.CacheControl!.ToString().ShouldBe("no-cache");
        response.Headers.Connection.ShouldBe(["keep-alive"]);
        var Message = J("{'content':[{'annotations':[],'logprobs':[],'text':'Hi there','type':'output_text'}],'id':'msg_N',")
            + J("'role':'assistant','status':'completed','type':'message'}");
        var Reasoning = J("{'encrypted_content':'Hm','id':'rs_N','summary':[{'text':'Hm','type':'summary_text'}],'type':'reasoning'}");
        string[] expected =
        [
            "event: response.created\ndata: " + InProgress + J("'sequence_number':0,'type':'response.created'}"),
            "event: response.in_progress\ndata: " + InProgress + J("'sequence_number':1,'type':'response.in_progress'}"),
            "event: response.output_item.added\ndata: "
                + J("{'item':{'id':'rs_N','summary':[],'type':'reasoning'},'output_index':0,'sequence_number':2,")
                + J("'type':'response.output_item.added'}"),
            "event: response.reasoning_summary_text.delta\ndata: "
                + J("{'delta':'Hm','item_id':'rs_N','output_index':0,'sequence_number':3,'summary_index':0,")
                + J("'type':'response.reasoning_summary_text.delta'}"),
            "event: response.reasoning_summary_text.done\ndata: "
                + J("{'item_id':'rs_N','output_index':0,'sequence_number':4,'summary_index':0,'text':'Hm',")
                + J("'type':'response.reasoning_summary_text.done'}"),
            "event: response.output_item.done\ndata: "
                + J("{'item':") + Reasoning + J(",'output_index':0,'sequence_number':5,'type':'response.output_item.done'}"),
            "event: response.output_item.added\ndata: "
                + J("{'item':{'content':[],'id':'msg_N','role':'assistant','status':'in_progress','type':'message'},'output_index':1,")
                + J("'sequence_number':6,'type':'response.output_item.added'}"),
            "event: response.content_part.added\ndata: "
                + J("{'content_index':0,'item_id':'msg_N','output_index':1,'part':{'annotations':[],'logprobs':[],'text':'',")
                + J("'type':'output_text'},'sequence_number':7,'type':'response.content_part.added'}"),
            "event: response.output_text.delta\ndata: "
                + J("{'content_index':0,'delta':'Hi','item_id':'msg_N','logprobs':[],'output_index':1,'sequence_number':8,")
                + J("'type':'response.output_text.delta'}"),
            "event: response.output_text.delta\ndata: "
                + J("{'content_index':0,'delta':' there','item_id':'msg_N','logprobs':[],'output_index':1,'sequence_number':9,")
                + J("'type':'response.output_text.delta'}"),
            "event: response.output_text.done\ndata: "
                + J("{'content_index':0,'item_id':'msg_N','logprobs':[],'output_index':1,'sequence_number':10,'text':'Hi there',")
                + J("'type':'response.output_text.done'}"),
            "event: response.content_part.done\ndata: "
                + J("{'content_index':0,'item_id':'msg_N','output_index':1,'part':{'annotations':[],'logprobs':[],'text':'Hi there',")
                + J("'type':'output_text'},'sequence_number':11,'type':'response.content_part.done'}"),
            "event: response.output_item.done\ndata: "
                + J("{'item':") + Message + J(",'output_index':1,'sequence_number':12,'type':'response.output_item.done'}"),
            "event: response.completed\ndata: "
                + InProgress.Replace("\"completed_at\":null", "\"completed_at\":T", StringComparison.Ordinal)
                    .Replace("\"output\":[]", "\"output\":[" + Reasoning + "," + Message + "]", StringComparison.Ordinal)
                    .Replace("\"in_progress\"", "\"completed\"", StringComparison.Ordinal)
                    .Replace(
                        "\"usage\":null",
                        J("'usage':{'input_tokens':1,'input_tokens_details':{'cached_tokens':0},'output_tokens':3,")
                        + J("'output_tokens_details':{'reasoning_tokens':0},'total_tokens':4}"),
                        StringComparison.Ordinal)
                + J("'sequence_number':13,'type':'response.completed'}"),
        ];

        var body = Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.ShouldBe(string.Join("", expected.Select(e => e + "\n\n")));
    }

    [Fact]
    public async Task Stream_ToolCall_IsOneFunctionCallItemWithItsArgumentsInOneDelta()
    {
        var scenario = new Scenario
        {
            Name = "tools",
            Response = "",
            ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Tokyo" } }],
        };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/responses",
            Json("""{"model":"tools","input":"w","stream":true,"tools":[{"type":"function","name":"get_weather","parameters":"""
                + J("{'type':'object','properties':{'city':{'type':'string'}},'required':['city']}}]}")),
            TestContext.Current.CancellationToken);

        var events = Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\n\n");
        events.Length.ShouldBe(8);
        events[0].ShouldContain(
            J("'tools':[{'description':null,'name':'get_weather','parameters':{'properties':{'city':{'type':'string'}},")
            + J("'required':['city'],'type':'object'},'strict':null,'type':'function'}]"));
        events[2].ShouldMatch(
            J("^event: response.output_item.added\\ndata: \\{'item':\\{'arguments':'','call_id':'call_[a-z0-9]{8}','id':'fc_N_0',")
            + J("'name':'get_weather','status':'in_progress','type':'function_call'\\},'output_index':0,'sequence_number':2,")
            + J("'type':'response.output_item.added'\\}$"));
        events[3].ShouldBe(
            "event: response.function_call_arguments.delta\ndata: "
            + J("{'delta':'{\\'city\\':\\'Tokyo\\'}','item_id':'fc_N_0','output_index':0,'sequence_number':3,")
            + J("'type':'response.function_call_arguments.delta'}"));
        events[4].ShouldBe(
            "event: response.function_call_arguments.done\ndata: "
            + J("{'arguments':'{\\'city\\':\\'Tokyo\\'}','item_id':'fc_N_0','output_index':0,'sequence_number':4,")
            + J("'type':'response.function_call_arguments.done'}"));
        events[5].ShouldStartWith("event: response.output_item.done\ndata: {\"item\":{\"arguments\":\"{\\\"city\\\":\\\"Tokyo\\\"}\"");
        events[6].ShouldStartWith("event: response.completed\n");
        events[6].ShouldContain(J("'output':[{'arguments':'{\\'city\\':\\'Tokyo\\'}','call_id':'call_"));
        events[7].ShouldBe("");
    }

    [Fact]
    public async Task Stream_AtTheLengthLimit_IsStillCompleted()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/responses",
            Json("""{"model":"m","input":"x","stream":true,"max_output_tokens":2}"""),
            TestContext.Current.CancellationToken);

        var last = Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\n\n")[^2];
        last.ShouldStartWith("event: response.completed\n");
        last.ShouldContain("\"status\":\"completed\"");
        last.ShouldContain("\"incomplete_details\":null");
        last.ShouldContain("\"output_tokens\":2");
    }

    [Fact]
    public async Task NotStreamed_ByDefault_IsGosResponseStructWithANewline()
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/responses",
            Json("""{"model":"qwen3","input":[{"role":"user","content":[{"type":"input_text","text":"hey"}]}],"instructions":"Be brief.","""
                + J("'reasoning':{'effort':'high'}}")),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            J("{'id':'resp_N','object':'response','created_at':T,'completed_at':T,'status':'completed','incomplete_details':null,")
            + J("'model':'qwen3','previous_response_id':null,'instructions':'Be brief.','output':[{'id':'rs_resp_N','type':'reasoning',")
            + J("'summary':[{'type':'summary_text','text':'Hm'}],'encrypted_content':'Hm'},{'id':'msg_N','type':'message',")
            + J("'status':'completed','role':'assistant',")
            + J("'content':[{'type':'output_text','text':'Hi there','annotations':[],'logprobs':[]}]}],")
            + J("'error':null,'tools':[],'tool_choice':'auto','truncation':'disabled','parallel_tool_calls':true,")
            + J("'text':{'format':{'type':'text'}},'top_p':1,'presence_penalty':0,'frequency_penalty':0,'top_logprobs':0,'temperature':1,")
            + J("'reasoning':{'effort':'high'},'usage':{'input_tokens':1,'output_tokens':3,'total_tokens':4,")
            + J("'input_tokens_details':{'cached_tokens':0},'output_tokens_details':{'reasoning_tokens':0}},'max_output_tokens':null,")
            + J("'max_tool_calls':null,'store':false,'background':false,'service_tier':'default','metadata':{},'safety_identifier':null,")
            + J("'prompt_cache_key':null}") + "\n");
    }

    [Theory]
    [InlineData("", 400, "application/json; charset=utf-8", "EOF")]
    [InlineData("""{"model":"qwen3","input":3}""", 400, "application/json; charset=utf-8",
        "input must be a string or array: json: cannot unmarshal number into Go value of type []json.RawMessage")]
    [InlineData("""{"model":"qwen3","input":[{"content":"x"}]}""", 400, "application/json; charset=utf-8",
        "input[0]: input item missing required 'type' field")]
    [InlineData("""{"model":"qwen3","input":[{"type":"bogus"}]}""", 400, "application/json; charset=utf-8",
        "input[0]: unknown input item type: \\\"bogus\\\"")]
    [InlineData("""{"model":"qwen3","input":"x","reasoning":{"effort":"huge"}}""", 400, "application/json; charset=utf-8",
        "invalid reasoning value: \\\"huge\\\" (must be \\\"minimal\\\", \\\"low\\\", \\\"medium\\\", \\\"high\\\", \\\"xhigh\\\", "
        + "\\\"ultra\\\", \\\"max\\\", or \\\"none\\\")")]
    [InlineData("""{"model":"qwen3","input":"x","stream":"yes"}""", 400, "application/json; charset=utf-8",
        "json: cannot unmarshal string into Go struct field ResponsesRequest.stream of type bool")]
    [InlineData("""{"input":"x"}""", 400, "application/json", "model is required")]
    [InlineData("""{"model":"nope","input":"x"}""", 404, "application/json", "model 'nope' not found")]
    public async Task Refusal_HasTheOpenAiShapeOfTheLayerThatRefused(string body, int status, string contentType, string message)
    {
        await using var fake = await TestScenarios.StartAsync(Thinker());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("v1/responses", Json(body), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType);
        var type = status == 404 ? "not_found_error" : "invalid_request_error";
        var newline = contentType == "application/json" ? "\n" : "";
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}" + newline);
    }
}
