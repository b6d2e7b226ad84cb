using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.OpenAi;
using StreamingHarness.FakeOllama.Generation;
using static StreamingHarness.FakeOllama.Tests.Endpoints.RequestBodyMemoryTests;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What reading a chat completion whose content is an array of parts costs in memory (#26, point 7), as
/// <see cref="RequestBodyMemoryTests"/> measures it, and the prompt and image checks it gives: the text parts joined by
/// <c>\n</c>, the <c>image_url</c> parts checked, as the fake read them when the content was a <see cref="JsonElement"/>.
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

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (prompt, imageError) = await ReadAsync(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        imageError.ShouldBeNull();
        prompt.ToString().ShouldBe(text + "\n" + text);
        // The body once, the parts joined in place; before, the array was copied whole (JsonElement), then each text part
        // again as a UTF-16 string, then joined into another: about five times the body.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Fact]
    public async Task ReadChatCompletion_LargeImagePart_AllocatesOneCopyOfTheBody()
    {
        var image = Convert.ToBase64String(new byte[ContentBytes * 3 / 4]);
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"look"},"""
            + $$$"""{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{image}}}"}}]}]}""");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (prompt, imageError) = await ReadAsync(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        imageError.ShouldBeNull();
        prompt.ToString().ShouldBe("look");
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"first part"},{"type":"text","text":"second part"}]""", "first part\nsecond part")]
    [InlineData("""[{"type":"text","text":5},{"type":"text","text":"q\"uo\\te\n"},{"type":"image_url","image_url":"""
        + """{"url":"data:image\/jpeg;base64,aGVs\/G8="}},{"text":"\u00e9\u00e9","type":"text"},{"type":"text","text":""},"""
        + """{"type":"text"}]""", "\nq\"uo\\te\n\n\u00e9\u00e9\n\n")]
    [InlineData("""[{"type":"text","text":"first","text":"last"},{"text":"before","type":"text"},"""
        + """{"type":"text","type":"other","text":"no"}]""", "last\nbefore")]
    [InlineData("""[{"TYPE":"text","text":"A"},{"type":"text","TEXT":"B"},{"\u0074ype":"te\u0078t","text":"C"}]""", "\nC")]
    [InlineData("""[null,5,true,[1],"raw",{"type":{"a":1},"text":"x"},{"type":"text","text":"q"}]""", "q")]
    [InlineData("""[{"type":"text","text":"a\udc00 b\ud800"},{"type":"text","text":null}]""", "a\ufffd b\ufffd\n")]
    [InlineData("""[{"type":"image_url","image_url":{"url":"data:;base64,aGVsbG8="}}]""", "")]
    [InlineData("""[]""", "")]
    [InlineData("\"a string\"", "a string")]
    [InlineData("null", "")]
    public async Task ReadChatCompletion_ContentParts_PromptIsTheTextPartsJoined(string content, string expected)
    {
        var body = $$"""{"messages":[{"role":"user","content":[{"type":"text","text":"earlier"}]},{"role":"user","content":{{content}}},"""
            + """{"role":"assistant","content":[{"type":"text","text":"answer"}]}]}""";

        var (prompt, imageError) = await ReadAsync(Encoding.UTF8.GetBytes(body));

        imageError.ShouldBeNull();
        prompt.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"url":"https://x/y.png"}""", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""{"url":"http:\/\/x"}""", "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("""{"url":"data:image/gif;base64,aGVsbG8="}""", "invalid image input")]
    [InlineData("""{"url":"data:image/png;base64,aGVsbG8"}""", "invalid image input")]
    [InlineData("""{"url":"data:;base64,aGVsbG8\u00e9"}""", "invalid image input")]
    [InlineData("""{"url":"data:;base64,a\"b"}""", "invalid image input")]
    [InlineData("""{"url":5}""", "invalid image input")]
    [InlineData("""{"uri":"data:;base64,"}""", "invalid image input")]
    [InlineData("\"data:image/png;base64,aGVsbG8=\"", "invalid image input")]
    [InlineData("""{"url":"nope","url":"data:;base64,"}""", null)]
    [InlineData("""{"url":"\u0064ata:image\/webp;base64,a\r\nGVsbG8="}""", null)]
    public async Task ReadChatCompletion_ImageUrlPart_IsCheckedAsBefore(string imageUrl, string? expected)
    {
        var body = """{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":[{"type":"text","text":"t"},"""
            + $$"""{"type":"image_url","image_url":{{imageUrl}}}]},{"role":"user","content":"last"}]}""";

        var (prompt, imageError) = await ReadAsync(Encoding.UTF8.GetBytes(body));

        imageError.ShouldBe(expected);
        prompt.ToString().ShouldBe(expected is null ? "last" : "");
    }

    /// <summary>As the endpoint reads it: the request type, then the image checks, then the prompt.</summary>
    private static async Task<(PromptText Prompt, string? ImageError)> ReadAsync(byte[] body)
    {
        var (chat, error, json) = await RequestBody.ReadJsonAsync(Request(body), UnreadRequestTypes.ChatCompletion);
        error.ShouldBeNull();
        chat.ShouldNotBeNull();
        var contents = OpenAiContents.Read(json);
        return ImageUrls.Error(contents.ImageUrls()) is { } imageError ? (PromptText.Empty, imageError) : (contents.Prompt(), null);
    }
}
