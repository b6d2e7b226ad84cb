using System.Text;
using Shouldly;

namespace StreamingHarness.FakeOllama.Tests.Fuzzing;

/// <summary>
/// Each crash class the fuzzer found, pinned: Go's decoder reads a lone surrogate (or bytes that are not UTF-8) in a
/// string as U+FFFD and a null where an object was expected as the zero value, then Ollama carries on.
/// </summary>
public sealed class FakeCrashRegressionTests : IAsyncLifetime
{
    private InProcessFake _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await InProcessFake.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Generate_LoneSurrogateThink_IsInvalidThinkValueWithReplacementCharacter()
    {
        var (status, body) = await PostAsync("/api/generate", """{"model":"fuzz","prompt":"hi","think":"\ud800"}""");

        status.ShouldBe(400);
        // Go decodes the lone surrogate to U+FFFD, which %q keeps as it is (it is printable).
        body.ShouldBe("""{"error":"invalid think value: \"�\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)"}""");
    }

    [Fact]
    public async Task OpenAi_ContentPartTypeNotAString_IsInvalidMessageFormat()
    {
        var (status, body) = await PostAsync(
            "/v1/chat/completions", """{"model":"fuzz","messages":[{"role":"user","content":[{"type":{"a":1},"text":"x"}]}]}""");

        // Ollama's middleware switches on the part's type as a Go any: a map is no known type (openai/openai.go:611-612).
        status.ShouldBe(400);
        body.ShouldBe("""{"error":{"message":"invalid message format","type":"invalid_request_error","param":null,"code":null}}""");
    }

    [Fact]
    public async Task Chat_LoneSurrogateKeepAlive_IsGosInvalidDurationWithTheReplacementBytes()
    {
        var (status, body) = await PostAsync("/api/chat", """{"model":"fuzz","messages":[],"keep_alive":"\ud800"}""");

        status.ShouldBe(400);
        body.ShouldBe("""{"error":"time: invalid duration \"\\xef\\xbf\\xbd\""}""");
    }

    [Fact]
    public async Task Chat_NullMessage_IsTheZeroMessageAndStreams()
    {
        var (status, body) = await PostAsync("/api/chat", """{"model":"fuzz","messages":[null],"stream":false,"think":false}""");

        status.ShouldBe(200);
        body.ShouldContain("\"content\":\"Hello from the fuzz scenario.\"");
        body.ShouldContain("\"done\":true,\"done_reason\":\"stop\"");
    }

    [Fact]
    public async Task Chat_EmptyStopSequence_StopsAtOnceLikeGosStringsContains()
    {
        var (status, body) = await PostAsync(
            "/api/chat",
            """{"model":"fuzz","messages":[{"role":"user","content":"hi"}],"stream":false,"think":false,"options":{"stop":[""]}}""");

        status.ShouldBe(200);
        body.ShouldContain("\"message\":{\"role\":\"assistant\",\"content\":\"\"}");
        body.ShouldContain("\"done_reason\":\"stop\"");
    }

    [Theory]
    [InlineData("""{"model":"fuzz","messages":[{"role":"user","content":"\ud800"}],"stream":false}""")]
    [InlineData("""{"model":"fuzz","messages":[{"role":"user","content":[{"type":"text","text":"a\udc00"}]}],"stream":false}""")]
    public async Task OpenAiChat_LoneSurrogate_Answers(string request)
    {
        var (status, body) = await PostAsync("/v1/chat/completions", request);

        status.ShouldBe(200);
        body.ShouldContain("\"finish_reason\":\"stop\"");
    }

    [Fact]
    public async Task OpenAiChat_NullMessage_IsInvalidMessageContentTypeNil()
    {
        var (status, body) = await PostAsync("/v1/chat/completions", """{"model":"fuzz","messages":[null],"stream":false}""");

        // Go decodes null as the zero message: nil content and no tool calls (openai/openai.go:627-631).
        status.ShouldBe(400);
        body.ShouldBe("""{"error":{"message":"invalid message content type: \u003cnil\u003e","type":"invalid_request_error","""
            + "\"param\":null,\"code\":null}}");
    }

    [Fact]
    public async Task Embed_LoneLowSurrogate_EmbedsTheReplacementCharacter()
    {
        var (status, body) = await PostAsync("/api/embed", """{"model":"fuzz","input":"\udc00"}""");

        status.ShouldBe(200);
        body.ShouldStartWith("""{"model":"fuzz","embeddings":[[""");
    }

    [Fact]
    public async Task Generate_InvalidUtf8InAKey_IsAnUnknownField()
    {
        byte[] request = [.. "{\"model\":\"fuzz\",\""u8, 0xFF, .. "rompt\":\"hi\"}"u8];

        var (status, body) = await PostAsync("/api/generate", request);

        // The key no longer reads "prompt": an empty prompt only loads the model, as Ollama answers it.
        status.ShouldBe(200);
        body.ShouldContain("\"done_reason\":\"load\"");
    }

    [Fact]
    public async Task AdminScenario_SurrogatePairOfTwoHighHalves_Is400NamingTheLine()
    {
        var (status, body) = await PostAsync(
            "/__fake/scenarios", "{\"name\":\"x\",\n\"response\":\"\\ud800\\ud800\"}");

        status.ShouldBe(400);
        body.ShouldBe("""{"error":"request body:2: not valid YAML: a \\u escape is not a valid Unicode character (lowSurrogate)"}""");
        _fake.Errors().ShouldBeEmpty();
    }

    private Task<(int Status, string Body)> PostAsync(string path, string json) => PostAsync(path, Encoding.UTF8.GetBytes(json));

    private async Task<(int Status, string Body)> PostAsync(string path, byte[] json)
    {
        using var response = await _fake.Client.PostAsync(path, new ByteArrayContent(json), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
