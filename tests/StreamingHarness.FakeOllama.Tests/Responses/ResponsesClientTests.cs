using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;

using static StreamingHarness.FakeOllama.Tests.Responses.ResponsesContractTests;

namespace StreamingHarness.FakeOllama.Tests.Responses;

/// <summary>The official openai npm client, unchanged, on <c>/v1/responses</c>: <c>responses.create({stream:true})</c> and not.</summary>
public sealed class ResponsesClientTests
{
    internal static Scenario Tools() => new()
    {
        Name = "tools",
        Response = "",
        ToolCalls = [new ToolCallSpec { Name = "get_weather", Arguments = new() { ["city"] = "Tokyo" } }],
    };

    [Fact]
    public async Task OpenAiNpm_StreamsThinkingTextAndToolCalls_AndReadsTheBodyAndTheError()
    {
        await using var fake = await TestScenarios.StartAsync(ResponsesContractTests.Thinker(), Tools());

        var output = await NodeClients.RunAsync(
            "openai-responses-check.mjs", fake.BaseAddress.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(output).RootElement;
        var stream = result.GetProperty("stream");
        stream.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(
        [
            "response.created", "response.in_progress", "response.output_item.added", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.output_item.done", "response.output_item.added",
            "response.content_part.added", "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
            "response.content_part.done", "response.output_item.done", "response.completed",
        ]);
        stream.GetProperty("sequence").EnumerateArray().Select(s => s.GetInt32()).ShouldBe(Enumerable.Range(0, 14));
        stream.GetProperty("text").GetString().ShouldBe("Hi there");
        stream.GetProperty("reasoning").GetString().ShouldBe("Hm");
        stream.GetProperty("completed").GetRawText().ShouldBe(
            J("{'status':'completed','usage':{'input_tokens':1,'input_tokens_details':{'cached_tokens':0},'output_tokens':3,")
            + J("'output_tokens_details':{'reasoning_tokens':0},'total_tokens':4}}"));

        result.GetProperty("body").GetRawText().ShouldBe(
            J("{'status':'completed','output_text':'Hi there','types':['reasoning','message'],'usage':{'input_tokens':1,'output_tokens':3,")
            + J("'total_tokens':4,'input_tokens_details':{'cached_tokens':0},'output_tokens_details':{'reasoning_tokens':0}}}"));

        var tool = result.GetProperty("tool");
        tool.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(
        [
            "response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done", "response.completed",
        ]);
        tool.GetProperty("arguments").GetString().ShouldBe("""{"city":"Tokyo"}""");

        result.GetProperty("missing").GetRawText().ShouldBe(
            """{"error":"NotFoundError","status":404,"message":"404 model 'missing' not found"}""");
    }
}
