using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Responses;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;
using static StreamingHarness.FakeOllama.Tests.Responses.ResponsesContractTests;

namespace StreamingHarness.FakeOllama.Tests.OpenAi;

/// <summary>
/// <c>/v1/completions</c> and <c>/v1/embeddings</c> against Ollama's CompleteWriter and EmbedWriter, and the openai npm client.
/// </summary>
public sealed partial class CompletionsAndEmbeddingsTests
{
    [GeneratedRegex("\"id\":\"cmpl-\\d{1,3}\",\"object\":\"text_completion\",\"created\":\\d+,")]
    private static partial Regex Head();

    private static readonly string[] Inputs = ["hi", "there"];

    private static string Mask(string text) => Head().Replace(text, "H,");

    private static Scenario Scenario() => new()
    {
        Name = "clients",
        Models =
        [
            new ModelSpec { Name = "m", Capabilities = ["completion"] },
            new ModelSpec { Name = "e", Capabilities = ["embedding"], EmbeddingLength = 8 },
        ],
        Response = "Hello, world!",
    };

    [Fact]
    public async Task CompletionsStream_WithIncludeUsage_PutsZeroUsageOnEveryChunkThenTheUsageChunkAndDone()
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/completions",
            ResponsesContractTests.Json(
                """{"model":"m","prompt":"x","stream":true,"max_tokens":2,"stream_options":{"include_usage":true}}"""),
            TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/event-stream");
        var zero = J(",'model':'m','system_fingerprint':'fp_ollama','usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}}");
        Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            "data: {H," + J("'choices':[{'text':'Hello','index':0,'finish_reason':null}]") + zero + "\n\n"
            + "data: {H," + J("'choices':[{'text':',','index':0,'finish_reason':null}]") + zero + "\n\n"
            + "data: {H," + J("'choices':[{'text':'','index':0,'finish_reason':'length'}]") + zero + "\n\n"
            + "data: {H," + J("'choices':[],'model':'m','system_fingerprint':'fp_ollama',")
            + J("'usage':{'prompt_tokens':1,'completion_tokens':2,'total_tokens':3}}") + "\n\n"
            + "data: [DONE]\n\n");
    }

    [Fact]
    public async Task Completions_NotStreamed_IsOneTextCompletionWithANewline()
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "v1/completions", ResponsesContractTests.Json("""{"model":"m","prompt":"x"}"""), TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        Mask(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            "{H," + J("'model':'m','system_fingerprint':'fp_ollama','choices':[{'text':'Hello, world!','index':0,'finish_reason':'stop'}],")
            + J("'usage':{'prompt_tokens':1,'completion_tokens':4,'total_tokens':5}}") + "\n");
    }

    [Theory]
    [InlineData("v1/completions", """{"model":"m","prompt":"x","stop":[1]}""", 400, "invalid type for 'stop' field: float64")]
    [InlineData("v1/completions", """{"model":"m","prompt":7}""", 400,
        "json: cannot unmarshal number into Go struct field CompletionRequest.prompt of type string")]
    [InlineData("v1/completions", """{"prompt":"x"}""", 404, "model '' not found")]
    [InlineData("v1/embeddings", """{"model":"e","input":"x","encoding_format":"int8"}""", 400,
        "Invalid value for 'encoding_format' = int8. Supported values: ['float', 'base64'].")]
    [InlineData("v1/embeddings", """{"model":"e","input":[]}""", 400, "invalid input")]
    [InlineData("v1/embeddings", """{"model":"e"}""", 400, "invalid input")]
    [InlineData("v1/embeddings", """{"model":"e","input":[1]}""", 400, "invalid input type")]
    [InlineData("v1/embeddings", """{"model":"nope","input":"x"}""", 404, "model \\\"nope\\\" not found, try pulling it first")]
    public async Task Refusal_IsOpenAisErrorShape(string path, string body, int status, string message)
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(path, ResponsesContractTests.Json(body), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        var type = status == 404 ? "not_found_error" : "invalid_request_error";
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').ShouldBe(
            "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}");
    }

    [Fact]
    public async Task OpenAiNpm_CompletionsAndEmbeddings_SeeWhatApiEmbedGives()
    {
        await using var fake = await TestScenarios.StartAsync(Scenario());
        using var client = TestScenarios.Client(fake);

        var output = await NodeClients.RunAsync(
            "openai-completions-check.mjs", fake.BaseAddress.ToString().TrimEnd('/') + " m e", TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("stream").GetRawText().ShouldBe(
            J("[{'text':'Hello','finish':null,'usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}},")
            + J("{'text':',','finish':null,'usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}},")
            + J("{'text':' world','finish':null,'usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}},")
            + J("{'text':'!','finish':null,'usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}},")
            + J("{'text':'','finish':'stop','usage':{'prompt_tokens':0,'completion_tokens':0,'total_tokens':0}},")
            + J("{'text':null,'finish':null,'usage':{'prompt_tokens':1,'completion_tokens':4,'total_tokens':5}}]"));
        result.GetProperty("body").GetRawText().ShouldBe(
            J("{'text':'Hello,','finish':'length','usage':{'prompt_tokens':1,'completion_tokens':2,'total_tokens':3}}"));
        result.GetProperty("missing").GetRawText()
            .ShouldBe("{\"error\":\"NotFoundError\",\"status\":404,\"message\":\"404 model 'missing' not found\"}");

        var native = await client.PostAsJsonAsync(
            "api/embed", new { model = "e", input = Inputs }, TestContext.Current.CancellationToken);
        var expected = JsonDocument.Parse(await native.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
            .GetProperty("embeddings").EnumerateArray().Select(v => v.EnumerateArray().Select(f => f.GetSingle()).ToArray()).ToArray();
        var vectors = result.GetProperty("embedDefault").EnumerateArray()
            .Select(d => d.GetProperty("embedding").EnumerateArray().Select(f => f.GetSingle()).ToArray()).ToArray();
        vectors.Length.ShouldBe(2);
        vectors[0].ShouldBe(expected[0]);
        vectors[1].ShouldBe(expected[1]);

        var native4 = await client.PostAsJsonAsync(
            "api/embed", new { model = "e", input = "hi", dimensions = 4 }, TestContext.Current.CancellationToken);
        var expected4 = JsonDocument.Parse(await native4.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
            .GetProperty("embeddings")[0].GetRawText();
        result.GetProperty("embedFloat")[0].GetProperty("embedding").GetRawText().ShouldBe(expected4);
    }
}
