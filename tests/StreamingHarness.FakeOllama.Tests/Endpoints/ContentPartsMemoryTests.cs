using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using static StreamingHarness.FakeOllama.Tests.Endpoints.RequestBodyMemoryTests;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What reading a chat completion whose content is an array of parts costs in memory (#26, point 7), as
/// <see cref="RequestBodyMemoryTests"/> measures it, and the prompt and checks it gives as Ollama's middleware makes native
/// messages of the parts (<c>openai/openai.go:559-638</c>): each part a message, the prompt the last user one's content.
/// </summary>
public sealed class ContentPartsMemoryTests
{
    private const int ContentBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("plain text ")]
    [InlineData("a line\\n")]
    [InlineData("caf\\u00e9 \\\"quoted\\\" ")]
    [InlineData("lone \\udc00 ")]
    public async Task ReadChatCompletion_LargeTextParts_AllocatesOneCopyOfTheBody(string unit)
    {
        var half = Repeat(unit, ContentBytes / 2);
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"{{half}}"},"""
            + """{"type":"image_url","image_url":{"url":"data:image\/png;base64,aGVsbG8="}},"""
            + $$"""{"type":"text","text":"{{half}}"}]}]}""");
        // Go reads a lone surrogate escape as U+FFFD.
        var text = JsonElement.Parse($"\"{half.Replace("\\udc00", "\\ufffd", StringComparison.Ordinal)}\"").GetString();

        var ((prompt, error), allocated) = await ThreadAllocations.OfSecondRunAsync(() => ReadAsync(body));

        error.ShouldBeNull();
        prompt.ToString().ShouldBe(text);
        // The body once, the last part unescaped in place; before #26, the array was copied whole (JsonElement), then each
        // text part again as a UTF-16 string, then joined into another: about five times the body.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:image/png;base64,DATA"}}""")]
    [InlineData("""{"type":"image_url","image_url":"data:;base64,DATA"}""")]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"DATA","format":"wav"}}""")]
    public async Task ReadChatCompletion_LargeImageOrAudioPart_AllocatesOneCopyOfTheBody(string part)
    {
        var data = Convert.ToBase64String(new byte[ContentBytes * 3 / 4]);
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"look"},"""
            + part.Replace("DATA", data, StringComparison.Ordinal) + "]}]}");

        var ((prompt, error), allocated) = await ThreadAllocations.OfSecondRunAsync(() => ReadAsync(body));

        error.ShouldBeNull();
        // The image's (or audio's) native message comes last, and has no content.
        prompt.ToString().ShouldBe("");
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"first part"},{"type":"text","text":"second part"}]""", "second part")]
    [InlineData("""[{"type":"text","text":"q\"uo\\te\n"},{"type":"image_url","image_url":"""
        + """{"url":"data:image\/jpeg;base64,aGVs\/G8="}},{"text":"\u00e9\u00e9","type":"text"}]""", "\u00e9\u00e9")]
    [InlineData("""[{"type":"text","text":"q\"uo\\te\n"}]""", "q\"uo\\te\n")]
    [InlineData("""[{"type":"text","text":"first","text":"last"}]""", "last")]
    [InlineData("""[{"text":"before","type":"text"}]""", "before")]
    [InlineData("""[{"\u0074ype":"te\u0078t","text":"C"}]""", "C")]
    [InlineData("""[{"type":"text","text":"a\udc00 b\ud800"}]""", "a\ufffd b\ufffd")]
    [InlineData("""[{"type":"text","text":"t"},{"type":"image_url","image_url":{"url":"data:;base64,aGVsbG8="}}]""", "")]
    [InlineData("""[{"type":"text","text":"t"},{"type":"input_audio","input_audio":{"data":"aGVsbG8="}}]""", "")]
    [InlineData("""[]""", "earlier")]
    [InlineData("\"a string\"", "a string")]
    [InlineData("""null,"tool_calls":[]""", "")]
    [InlineData("""5,"tool_calls":[]""", "")]
    public async Task ReadChatCompletion_ContentParts_PromptIsTheLastNativeUserMessage(string content, string expected)
    {
        var body = $$"""{"messages":[{"role":"user","content":[{"type":"text","text":"earlier"}]},{"role":"user","content":{{content}}},"""
            + """{"role":"assistant","content":[{"type":"text","text":"answer"}]}]}""";

        var (prompt, error) = await ReadAsync(Encoding.UTF8.GetBytes(body));

        error.ShouldBeNull();
        prompt.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"url":"https://x/y.png"}""", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""{"url":"http:\/\/x"}""", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""{"url":"data:image/gif;base64,aGVsbG8="}""", "invalid image input")]
    [InlineData("""{"url":"data:image/png;base64,aGVsbG8"}""", "invalid image input")]
    [InlineData("""{"url":"data:;base64,aGVsbG8\u00e9"}""", "invalid image input")]
    [InlineData("""{"url":"data:;base64,a\"b"}""", "invalid image input")]
    [InlineData("""{"url":5}""", "invalid message format")]
    [InlineData("""{"uri":"data:;base64,"}""", "invalid message format")]
    [InlineData("5", "invalid message format")]
    [InlineData("\"data:image/png;base64,aGVsbG8=\"", null)]
    [InlineData("\"http:\\/\\/x\"", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""{"url":"nope","url":"data:;base64,"}""", null)]
    [InlineData("""{"url":"\u0064ata:image\/webp;base64,a\r\nGVsbG8="}""", null)]
    public async Task ReadChatCompletion_ImageUrlPart_IsCheckedAsTheMiddlewareChecksIt(string imageUrl, string? expected)
    {
        var body = """{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":[{"type":"text","text":"t"},"""
            + $$"""{"type":"image_url","image_url":{{imageUrl}}}]},{"role":"user","content":"last"}]}""";

        var (prompt, error) = await ReadAsync(Encoding.UTF8.GetBytes(body));

        error.ShouldBe(expected);
        prompt.ToString().ShouldBe(expected is null ? "last" : "");
    }

    /// <summary>As the endpoint reads it: the request type, then the middleware's checks, then the prompt.</summary>
    private static async Task<(PromptText Prompt, string? Error)> ReadAsync(byte[] body)
    {
        var (chat, error, json) = await RequestBody.ReadJsonAsync(Request(body), UnreadRequestTypes.ChatCompletion);
        error.ShouldBeNull();
        chat.ShouldNotBeNull();
        var contents = OpenAiContents.Read(json);
        return contents.Error() is { } contentError ? (PromptText.Empty, contentError) : (contents.Prompt(), null);
    }
}
