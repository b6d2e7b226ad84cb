using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints.Anthropic;
using StreamingHarness.FakeOllama.Endpoints.Responses;
using static StreamingHarness.FakeOllama.Tests.Endpoints.RequestBodyMemoryTests;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What reading a large <c>/v1/responses</c> or <c>/v1/messages</c> body costs in memory (#26, point 7), as
/// <see cref="RequestBodyMemoryTests"/> measures it: allocations on this thread around the whole read (body, journal copy,
/// parse, checks, estimate, prompt), against the body's size. The text comes as one string or as two parts.
/// </summary>
public sealed class InputBodyMemoryTests
{
    private const int TextBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData(false, "plain text ")]
    [InlineData(false, "a line\\n")]
    [InlineData(true, "plain text ")]
    [InlineData(true, "caf\\u00e9 \\\"q\\\" \\ud83d\\ude00 ")]
    public async Task ReadResponsesBody_LargeInput_AllocatesOneCopyOfTheBody(bool parts, string unit)
    {
        var half = Repeat(unit, TextBytes / 2);
        var body = Encoding.UTF8.GetBytes(parts
            ? $$"""{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"{{half}}"},"""
                + $$"""{"type":"input_image","image_url":"x"},{"type":"input_text","text":"{{half}}"}]}]}"""
            : $$"""{"model":"m","instructions":"s","input":"{{half}}{{half}}"}""");

        var ((parsed, prompt, error), allocated) = await ThreadAllocations.OfSecondRunAsync(() => ResponsesInput.ReadAsync(Request(body)));

        error.ShouldBeNull();
        parsed.ShouldNotBeNull().Input.ShouldNotBeNull();
        prompt.ToString().ShouldBe(Unescaped(half + half));
        // The body once, the text joined and unescaped in place; before, 4.8 to 8 times the body (a copy of the input, its
        // strings in UTF-16, the parts joined in a StringBuilder and again as a string).
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData(false, "plain text ")]
    [InlineData(false, "a line\\n")]
    [InlineData(true, "plain text ")]
    [InlineData(true, "caf\\u00e9 \\\"q\\\" \\ud83d\\ude00 ")]
    public async Task ReadMessagesBody_LargeContent_AllocatesOneCopyOfTheBody(bool blocks, string unit)
    {
        var half = Repeat(unit, TextBytes / 2);
        var body = Encoding.UTF8.GetBytes(blocks
            ? $$"""{"model":"m","max_tokens":5,"system":[{"type":"text","text":"{{half}}"}],"messages":[{"role":"user","content":["""
                + $$"""{"type":"text","text":"{{half}}"},"""
                + """{"type":"image","source":{"type":"base64","data":"AA=="}},"""
                + $$"""{"type":"text","text":"{{half}}"}]}]}"""
            : $$"""{"model":"m","max_tokens":5,"system":"{{half}}","messages":[{"role":"user","content":"{{half}}{{half}}"}]}""");

        var ((parsed, estimate, prompt, error), allocated) = await ThreadAllocations.OfSecondRunAsync(async () =>
        {
            var (messages, input, refusal) = await MessagesInput.ReadAsync(Request(body));
            return (messages, input.ShouldNotBeNull().EstimateTokens(), input.TakePrompt(), refusal);
        });

        error.ShouldBeNull();
        parsed.ShouldNotBeNull().Messages.ShouldNotBeNull().Count.ShouldBe(1);
        var text = Unescaped(half);
        prompt.ToString().ShouldBe(text + text);
        // Ollama's estimate: a quarter of the bytes of the system prompt, the role and the text.
        estimate.ShouldBe((Encoding.UTF8.GetByteCount(text) * 3 + "user".Length) / 4);
        // Before, 7 to 8.9 times the body: copies of system and content, their strings in UTF-16, the blocks joined.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    private static string Unescaped(string json) => JsonSerializer.Deserialize<string>("\"" + json + "\"")!;
}
