using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class NativeGenerateContractTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Generate_Streaming_WritesResponseChunksThenFinalWithContext()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            "api/generate", Json("""{"model":"m","prompt":"say hi"}"""), TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/x-ndjson");
        var lines = Wire.Normalize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n');
        lines[0].ShouldBe("""{"model":"m","created_at":"T","response":"Hello","done":false}""");
        lines[2].ShouldBe("""{"model":"m","created_at":"T","response":" world","done":false}""");
        lines[4].ShouldMatch(
            """^\{"model":"m","created_at":"T","response":"","done":true,"done_reason":"stop","context":\[\d+(,\d+){"""
            + """5}\],"total_duration":N,"load_duration":N,"prompt_eval_count":2,"prompt_eval_duration":N,"eval_count":"""
            + """4,"eval_duration":N\}$""");
        lines[5].ShouldBe("");
    }

    [Fact]
    public async Task Generate_StreamFalse_JoinsTheResponse()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        var body = await (
            await client.PostAsync(
            "api/generate", Json("""{"model":"m","prompt":"x","stream":false,"raw":true}"""), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Wire.Normalize(body).ShouldBe(
            """{"model":"m","created_at":"T","response":"Hello, """
            + """world!","done":true,"done_reason":"stop","total_duration":N,"load_duration":N,"prompt_eval_count":"""
            + """1,"prompt_eval_duration":N,"eval_count":4,"eval_duration":N}""");
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "load")]
    [InlineData("""{"model":"m","keep_alive":0}""", "unload")]
    [InlineData("""{"model":"m","prompt":"","keep_alive":"0s"}""", "unload")]
    public async Task Generate_EmptyPrompt_AnswersLoadOrUnloadWithoutStreaming(string request, string reason)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("api/generate", Json(request), TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        Wire.Normalize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe($$"""{"model":"m","created_at":"T","response":"","done":true,"done_reason":"{{reason}}"}""");
    }

    [Fact]
    public async Task Generate_NumPredict_CapsTokensWithLengthReason()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        var body = await (
            await client.PostAsync(
            "api/generate", Json("""{"model":"m","prompt":"x","stream":false,"options":{"num_predict":2}}"""),
            TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.ShouldContain("\"response\":\"Hello,\",\"done\":true,\"done_reason\":\"length\"");
        body.ShouldContain("\"eval_count\":2,");
    }

    [Fact]
    public async Task Generate_Stop_CutsBeforeTheStopSequence()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        var body = await (
            await client.PostAsync(
            "api/generate", Json("""{"model":"m","prompt":"x","stream":false,"options":{"stop":["orld"]}}"""),
            TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.ShouldContain("\"response\":\"Hello, w\",\"done\":true,\"done_reason\":\"stop\"");
        body.ShouldContain("\"eval_count\":3,");
    }

    [Fact]
    public async Task Generate_SameSeed_GivesTheSameText_OtherSeedDiffers()
    {
        var seeded = new Scenario { Name = "seeded", Tokens = 30 };
        await using var fake = await TestScenarios.StartAsync(seeded);
        using var client = TestScenarios.Client(fake);

        async Task<string> TextAsync(int seed)
        {
            var body = await (
                await client.PostAsync(
                "api/generate", Json($$$"""{"model":"seeded","prompt":"x","stream":false,"options":{"seed":{{{seed}}}}}"""),
                TestContext.Current.CancellationToken))
                .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return body[
                (body.IndexOf("\"response\":", StringComparison.Ordinal) + 12)..body.IndexOf("\",\"done\"", StringComparison.Ordinal)];
        }

        var first = await TextAsync(7);
        (await TextAsync(7)).ShouldBe(first);
        (await TextAsync(8)).ShouldNotBe(first);
        first.ShouldEndWith(".");
    }

    [Fact]
    public async Task Generate_KeysMatchCaseInsensitively_AnyContentType_TrailingBytesIgnored()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var content = new StringContent(
            """{"Model":"m","PROMPT":"x","Stream":false,"unknown":1} trailing""", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync("api/generate", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"response\":\"Hello, world!\"");
    }
}
