using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What reading a large chat body costs in memory (#26, point 7): allocations on this thread, measured around the
/// whole read (body, journal copy, parse, prompt), against the body's size. Counting bytes, not timing, keeps it exact.
/// </summary>
public sealed class RequestBodyMemoryTests
{
    private const int ContentBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("plain text ")]
    [InlineData("a line\\n")]
    [InlineData("caf\\u00e9 \\\"quoted\\\" ")]
    public async Task ReadChatBody_LargeMessage_AllocatesOneCopyOfTheBody(string unit)
    {
        var content = Repeat(unit, ContentBytes);
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{"role":"user","content":"{{content}}"}]}""");

        var ((parsed, prompt), allocated) = await ThreadAllocations.OfSecondRunAsync(async () =>
        {
            var (chat, json) = await RequestBody.ReadOrRejectJsonAsync(Request(body), UnreadRequestTypes.Chat);
            return (chat, BodyPrompt.OfMessages(json));
        });

        parsed.ShouldNotBeNull().Messages.ShouldNotBeNull().Count.ShouldBe(1);
        prompt.CountTokens().ShouldBeGreaterThan(0);
        // The body once, its escapes undone in place; before #26 the message was also a UTF-16 string (two bytes a character).
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("/api/generate", "plain text ")]
    [InlineData("/api/generate", "a line\\n")]
    [InlineData("/api/generate", "lone \\ud800 ")]
    [InlineData("/v1/completions", "caf\\u00e9 ")]
    [InlineData("/v1/chat/completions", "plain text ")]
    [InlineData("/v1/chat/completions", "a line\\n")]
    [InlineData("/v1/chat/completions", "lone \\udc00 ")]
    public async Task ReadPromptBody_LargePrompt_AllocatesOneCopyOfTheBody(string path, string unit)
    {
        var content = Repeat(unit, ContentBytes);
        var body = Encoding.UTF8.GetBytes(path == "/v1/chat/completions"
            ? $$"""{"model":"m","messages":[{"role":"system","content":[{"type":"text","text":"s"}]},"""
                + $$"""{"role":"user","content":"{{content}}"}]}"""
            : $$"""{"model":"m","prompt":"{{content}}","stream":false}""");

        var (prompt, allocated) = await ThreadAllocations.OfSecondRunAsync(() => ReadPromptAsync(path, Request(body)));

        prompt.CountTokens().ShouldBeGreaterThan(ContentBytes / unit.Length);
        // Before #26 these endpoints held the prompt again as a UTF-16 string, and a lone surrogate escape copied the body.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("/api/generate", """{"model":"m","prompt":"a\nb \u00e9\ud800"}""", "a\nb \u00e9\ufffd")]
    [InlineData("/api/generate", """{"model":"m","prompt":null}""", "")]
    [InlineData("/api/generate", """ {"PROMPT":"any case"} {"prompt":"trailing"}""", "any case")]
    [InlineData("/v1/completions", """{"model":"m","prompt":"tab\there"}""", "tab\there")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"q"},{"role":"user","content":"z"}]}""", "z")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"q\"t"},{"role":"assistant","content":"a"}]}""", "q\"t")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":null}]}""", "")]
    public async Task ReadPromptBody_Prompt_IsTheUnescapedText(string path, string body, string expected)
    {
        var prompt = await ReadPromptAsync(path, Request(Encoding.UTF8.GetBytes(body)));

        prompt.ToString().ShouldBe(expected);
    }

    [Fact]
    public async Task ReadChatBody_EscapedMessage_PromptIsTheUnescapedText()
    {
        var body = """{"model":"m","messages":[{"role":"user","content":"a\"b\\c\/\b\f\n\r\tc\u00e9\ud83d\ude00\u20AC d"},"""
            + """{"role":"assistant","content":"x"}]}""";
        var request = Request(Encoding.UTF8.GetBytes(body));

        var (_, json) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Chat);

        BodyPrompt.OfMessages(json).ToString().ShouldBe("a\"b\\c/\b\f\n\r\tc\u00e9\U0001F600\u20AC d");
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"first"},{"role":"assistant","content":"second"}]}""", "first")]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":"only"}]}""", "only")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":null}]}""", "")]
    [InlineData("""{"model":"m","messages":[null]}""", "")]
    [InlineData(""" {"MODEL":"m","Messages":[{"ROLE":"User","Content":"keys any case"}]} {"trailing":1}""", "keys any case")]
    public async Task ReadChatBody_Messages_PromptIsTheLastUserMessage(string body, string expected)
    {
        var (_, json) = await RequestBody.ReadOrRejectJsonAsync(Request(Encoding.UTF8.GetBytes(body)), UnreadRequestTypes.Chat);

        BodyPrompt.OfMessages(json).ToString().ShouldBe(expected);
    }

    private static async Task<PromptText> ReadPromptAsync(string path, FakeRequest request)
    {
        switch (path)
        {
            case "/api/generate":
                var (_, generateJson) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Generate);
                return BodyPrompt.OfPromptField(generateJson);
            case "/v1/completions":
                var (completion, _, completionJson) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.Completion);
                completion.ShouldNotBeNull();
                return BodyPrompt.OfPromptField(completionJson);
            default:
                var (chat, _, chatJson) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.ChatCompletion);
                chat.ShouldNotBeNull().Messages.ShouldNotBeNull()[^1].Content?.ValueKind.ShouldNotBe(JsonValueKind.Array);
                return BodyPrompt.OfMessages(chatJson);
        }
    }

    internal static string Repeat(string unit, int length) =>
        new StringBuilder(length + unit.Length).Insert(0, unit, length / unit.Length).ToString();

    internal static FakeRequest Request(byte[] body)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        var entry = new JournalEntry(1, DateTimeOffset.UnixEpoch, "POST", "/api/chat", 16);
        return new FakeRequest(http, entry, TimeProvider.System, bodyLimit: 1024);
    }
}
