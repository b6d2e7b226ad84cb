using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Structured;

/// <summary><c>format</c> and <c>response_format</c>: JSON drawn from the schema, streamed token by token.</summary>
public sealed class StructuredOutputTests
{
    private const string Plain = "name: t\nresponse: \"Hello, world!\"\nseed: 7\n";

    private const string Thinker =
        "name: t\nmodels:\n  - name: t\n    capabilities: [completion, thinking]\nthinking: \"Let me think.\"\nresponse: \"ignored\"\n"
        + "first_token_ms: 100\nseed: 7\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_Schema_StreamsAValidValueThatIsCompleteOnlyAtDone()
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, Chat("t", PersonSchema));

        response.StatusCode.ShouldBe(200);
        var lines = ChatLines(response);
        lines[^1]["done"]!.GetValue<bool>().ShouldBeTrue();
        lines.Take(lines.Count - 1).ShouldAllBe(l => !l["done"]!.GetValue<bool>());
        var json = Content(lines);
        Validate(PersonSchema, json).IsValid.ShouldBeTrue(json);
        Parses(Content(lines.Take(lines.Count - 2))).ShouldBeFalse();
        lines[^1]["eval_count"]!.GetValue<int>().ShouldBe(lines.Count - 1);
    }

    [Fact]
    public async Task Chat_SameSeed_SameValue_OtherSeed_OtherValue()
    {
        await using var fake = await StartAsync(Plain);

        var first = Content(ChatLines(await SendAsync(fake, Chat("t", PersonSchema))));
        var again = Content(ChatLines(await SendAsync(fake, Chat("t", PersonSchema))));
        var other = await SendAsync(fake, RawHttpRequest.PostJson(
            "/api/chat",
            Q("{'model':'t','format':") + PersonSchema + Q(",'options':{'seed':8},'messages':[{'role':'user','content':'x'}]}")));

        again.ShouldBe(first);
        Content(ChatLines(other)).ShouldNotBe(first);
    }

    [Fact]
    public async Task Generate_Json_AnswersAnObjectHoldingTheScenarioAnswer()
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(
            fake, RawHttpRequest.PostJson("/api/generate", """{"model":"t","prompt":"p","format":"json","stream":false}"""));

        JsonNode.Parse(response.BodyText)!["response"]!.GetValue<string>().ShouldBe("""{"answer":"Hello, world!"}""");
    }

    [Theory]
    [InlineData("\"xml\"", """invalid format: \"\\\"xml\\\"\"; expected \"json\" or a valid JSON Schema object""")]
    [InlineData("[1, 2]", """invalid format: \"[1, 2]\"; expected \"json\" or a valid JSON Schema object""")]
    [InlineData("true", """invalid format: \"true\"; expected \"json\" or a valid JSON Schema object""")]
    public async Task Chat_BadFormat_Is500BeforeAnyByte(string format, string escapedMessage)
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, Chat("t", format));

        response.StatusCode.ShouldBe(500);
        response.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        response.BodyText.ShouldBe($$"""{"error":"{{escapedMessage}}"}""");
    }

    [Fact]
    public async Task Chat_NullOrEmptyFormat_IsFreeText()
    {
        await using var fake = await StartAsync(Plain);

        Content(ChatLines(await SendAsync(fake, Chat("t", "null")))).ShouldBe("Hello, world!");
        Content(ChatLines(await SendAsync(fake, Chat("t", "\"\"")))).ShouldBe("Hello, world!");
    }

    [Fact]
    public async Task Chat_ThinkingModel_ThinksThenPausesForTheSecondPromptThenConstrains()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Thinker);
        var reading = SendAsync(fake, Chat("t", PersonSchema));

        await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1, "the first prompt evaluation");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.WaitAsync(
            () => (fake.Journal.Entries.SingleOrDefault()?.LinesWritten ?? 0, clock.PendingTimers),
            s => s == (4, 1),
            "the thinking, then the second prompt");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var response = await reading;

        var lines = ChatLines(response);
        string.Concat(lines.Take(4).Select(l => l["message"]!["thinking"]!.GetValue<string>())).ShouldBe("Let me think.");
        lines.Take(4).ShouldAllBe(l => l["message"]!["content"]!.GetValue<string>() == "");
        var content = Content(lines.Skip(4));
        Validate(PersonSchema, content).IsValid.ShouldBeTrue(content);
        var done = lines[^1];
        done["prompt_eval_count"]!.GetValue<int>().ShouldBe(2 + 4);
        done["prompt_eval_duration"]!.GetValue<long>().ShouldBe(100_000_000);
        done["eval_count"]!.GetValue<int>().ShouldBe(lines.Count - 5);
        var entry = await FinishedEntryAsync(fake);
        entry.LineTimesMs.Take(5).ShouldBe([100, 100, 100, 100, 200]);
    }

    [Fact]
    public async Task Chat_ThinkingModelBadFormat_StreamsTheThinkingThenAnErrorLine()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Thinker.Replace("first_token_ms: 100\n", "", StringComparison.Ordinal));

        var response = await SendAsync(fake, Chat("t", "\"yaml\""));

        response.StatusCode.ShouldBe(200);
        response.Lines.Count.ShouldBe(5);
        response.Lines[^1].ShouldBe(
            """{"error":"invalid format: \"\\\"yaml\\\"\"; expected \"json\" or a valid JSON Schema object"}""");
        (await FinishedEntryAsync(fake)).Ending.ShouldBe(StreamEnding.Error);
    }

    [Fact]
    public async Task Chat_ThinkingModelThinkFalse_ConstrainsFromTheFirstToken()
    {
        await using var fake = await StartAsync(Thinker.Replace("first_token_ms: 100\n", "", StringComparison.Ordinal));

        var lines = ChatLines(await SendAsync(fake, Chat("t", "\"json\"", think: "false")));

        lines.ShouldAllBe(l => l["message"]!["thinking"] == null);
        Content(lines).ShouldBe("""{"answer":"ignored"}""");
        lines[^1]["prompt_eval_count"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task OpenAi_ResponseFormatJsonSchema_ContentIsAValueOfTheSchema()
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions",
            Q("{'model':'t','response_format':{'type':'json_schema','json_schema':{'name':'p','schema':") + PersonSchema
            + Q("}},'messages':[{'role':'user','content':'x'}]}")));

        var content = JsonNode.Parse(response.BodyText)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Validate(PersonSchema, content).IsValid.ShouldBeTrue(content);
    }

    [Theory]
    [InlineData("""{"type":"json_object"}""", """{"answer":"Hello, world!"}""")]
    [InlineData("""{"type":"text"}""", "Hello, world!")]
    public async Task OpenAi_ResponseFormatTypes_MapAsOllamaMapsThem(string responseFormat, string content)
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions", $$"""{"model":"t","response_format":{{responseFormat}},"messages":[{"role":"user","content":"x"}]}"""));

        JsonNode.Parse(response.BodyText)!["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe(content);
    }

    [Fact]
    public async Task OpenAi_BadSchema_IsTheNestedApiError500()
    {
        await using var fake = await StartAsync(Plain);

        var response = await SendAsync(fake, RawHttpRequest.PostJson(
            "/v1/chat/completions",
            Q("{'model':'t','stream':true,'response_format':{'type':'json_schema','json_schema':{'schema':'s'}},"
                + "'messages':[{'role':'user','content':'x'}]}")));

        response.StatusCode.ShouldBe(500);
        response.BodyText.ShouldBe(
            """{"error":{"message":"invalid format: \"\\\"s\\\"\"; expected \"json\" or a valid JSON Schema object","type":"api_error","""
            + "\"param\":null,\"code\":null}}\n");
    }
}
