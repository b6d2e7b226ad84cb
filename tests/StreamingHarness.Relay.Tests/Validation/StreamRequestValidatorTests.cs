using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Validation;

namespace StreamingHarness.Relay.Tests.Validation;

public sealed class StreamRequestValidatorTests
{
    private static readonly RequestLimitOptions Limits = new() { MaxTokensLimit = 100 };

    [Fact]
    public void Validate_EveryFieldWrong_ListsEveryError()
    {
        var body = """
            {"model":"","messages":[{"role":"robot","content":1},{"content":"hi"},3],
             "temperature":3,"top_p":-0.5,"max_tokens":0,"think":"maybe","stream":false,"tools":{}}
            """;

        var (request, errors) = Validate(body, OllamaEndpoint.Chat);

        request.ShouldBeNull();
        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(
        [
            "max_tokens", "messages[0].content", "messages[0].role", "messages[1].role", "messages[2]",
            "model", "stream", "temperature", "think", "tools", "top_p",
        ]);
        errors["temperature"].ShouldBe(["must be between 0 and 2; got 3"]);
        errors["max_tokens"].ShouldBe(["must be between 1 and 100; got 0"]);
        errors["messages[0].role"].ShouldBe(["must be one of system, user, assistant, tool; got 'robot'"]);
    }

    [Fact]
    public void Validate_MissingBody_SaysWhatIsRequired()
    {
        var (request, errors) = Validate("", OllamaEndpoint.Generate);

        request.ShouldBeNull();
        errors["body"].ShouldBe(["is required: a JSON object with at least 'model' and 'prompt'"]);
    }

    [Fact]
    public void Validate_InvalidJson_ReportsBody()
    {
        var (_, errors) = Validate("{\"model\":", OllamaEndpoint.Chat);

        errors.Keys.ShouldBe(["body"]);
        errors["body"][0].ShouldStartWith("is not valid JSON: ");
    }

    [Fact]
    public void Validate_EmptyMessagesAndMissingPrompt_AreErrors()
    {
        Validate("""{"model":"m","messages":[]}""", OllamaEndpoint.Chat).Errors["messages"].ShouldBe(["must not be empty"]);
        Validate("""{"model":"m"}""", OllamaEndpoint.Generate).Errors["prompt"].ShouldBe(["is required"]);
    }

    [Fact]
    public void Validate_Aliases_BecomeOllamaOptionsAndDefaultsYield()
    {
        var limits = new RequestLimitOptions
        {
            MaxTokensLimit = 100,
            DefaultOptions = new() { ["temperature"] = "0.2", ["num_ctx"] = "4096", ["top_k"] = "7" },
        };
        var body = """
            {"model":"m","messages":[{"role":"USER","content":"hi"}],"max_tokens":50,"frequency_penalty":0.5,
             "presence_penalty":-1,"stop":"END","options":{"temperature":1.5},"keep_alive":"1m"}
            """;

        var (request, errors) = Validate(body, OllamaEndpoint.Chat, limits);

        errors.ShouldBeEmpty();
        var sent = JsonNode.Parse(request!.Body.Span)!.AsObject();
        sent["stream"]!.GetValue<bool>().ShouldBeTrue();
        sent["keep_alive"]!.GetValue<string>().ShouldBe("1m");
        sent.ContainsKey("max_tokens").ShouldBeFalse();
        sent.ContainsKey("frequency_penalty").ShouldBeFalse();
        sent["options"]!.ToJsonString().ShouldBe(
            """{"temperature":1.5,"num_ctx":4096,"top_k":7,"num_predict":50,"frequency_penalty":0.5,"presence_penalty":-1,"stop":"""
            + """["END"]}""");
        request.Model.ShouldBe("m");
        request.Path.ShouldBe("api/chat");
    }

    [Fact]
    public void Validate_AliasAndOptionBothSet_IsAConflict()
    {
        var (_, errors) = Validate("""{"model":"m","prompt":"p","max_tokens":5,"options":{"num_predict":6}}""", OllamaEndpoint.Generate);

        errors["max_tokens"].ShouldBe(["conflicts with options.num_predict; set only one"]);
    }

    [Fact]
    public void Validate_OptionsInsideOptions_AreRangeChecked()
    {
        var (_, errors) = Validate(
            """{"model":"m","prompt":"p","options":{"num_predict":1000,"top_p":2,"max_tokens":1.5}}""", OllamaEndpoint.Generate);

        errors["options.num_predict"].ShouldBe(["must be between 1 and 100; got 1000"]);
        errors["options.top_p"].ShouldBe(["must be between 0 and 1; got 2"]);
        errors["options.max_tokens"].ShouldBe(["must be an integer; got 1.5"]);
    }

    [Theory]
    [InlineData("""{"model":"\ud800","prompt":"p"}""", "model")]
    [InlineData("""{"model":"m","prompt":"p","images":["\ud800"]}""", "images")]
    [InlineData("""{"model":"m","prompt":"p","format":"\udc00"}""", "format")]
    [InlineData("""{"model":"m","prompt":"\ud800\ud800"}""", "prompt")]
    public void Validate_LoneSurrogate_IsForwardedAsReplacementCharacterLikeGo(string body, string field)
    {
        var (request, errors) = Validate(body, OllamaEndpoint.Generate);

        errors.ShouldBeEmpty();
        var sent = JsonNode.Parse(request!.Body.Span)!.AsObject()[field]!;
        var text = sent is JsonArray array ? array[0]!.GetValue<string>() : sent.GetValue<string>();
        text.ShouldAllBe(c => c == '\uFFFD');
        text.ShouldNotBeEmpty();
    }

    [Fact]
    public void Validate_LoneSurrogateThink_IsAFieldErrorNamingTheReplacementCharacter()
    {
        var (request, errors) = Validate("""{"model":"m","prompt":"p","think":"\ud800"}""", OllamaEndpoint.Generate);

        request.ShouldBeNull();
        errors["think"].ShouldBe(["must be true, false or one of low, medium, high, max; got '\uFFFD'"]);
    }

    [Fact]
    public void Validate_InvalidUtf8InContent_IsForwardedAsReplacementCharacter()
    {
        byte[] body = [.. """{"model":"m","messages":[{"role":"user","content":"a"""u8, 0xFF, .. """b"}]}"""u8];
        var errors = new FieldErrors();

        var request = StreamRequestValidator.Validate(body, OllamaEndpoint.Chat, Limits, errors);

        errors.ToDictionary().ShouldBeEmpty();
        JsonNode.Parse(request!.Body.Span)!["messages"]![0]!["content"]!.GetValue<string>().ShouldBe("a\uFFFDb");
    }

    private static (Upstream.UpstreamRequest? Request, Dictionary<string, string[]> Errors) Validate(
        string body, OllamaEndpoint endpoint, RequestLimitOptions? limits = null)
    {
        var errors = new FieldErrors();
        var request = StreamRequestValidator.Validate(Encoding.UTF8.GetBytes(body), endpoint, limits ?? Limits, errors);
        return (request, errors.ToDictionary());
    }
}
