using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// Native <c>images</c> (#26, point 7): checked as base64 where they lie in the body, never held as UTF-16 strings, with
/// the same error, for the same image, as the strings gave.
/// </summary>
public sealed class NativeImagesMemoryTests
{
    private const int ImageBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("/api/chat")]
    [InlineData("/api/generate")]
    public async Task ReadNativeBody_LargeImage_AllocatesOneCopyOfTheBody(string path)
    {
        var image = RequestBodyMemoryTests.Repeat("aGVsbG8gd29ybGQh", ImageBytes);
        var body = Encoding.UTF8.GetBytes(path == "/api/chat"
            ? $$"""{"model":"m","messages":[{"role":"user","content":"look","thinking":"{{image}}","images":["{{image}}"]}]}"""
            : $$"""{"model":"m","prompt":"look","images":["{{image}}"]}""");

        var (error, allocated) = await ThreadAllocations.OfSecondRunAsync(async () =>
        {
            var request = RequestBodyMemoryTests.Request(body);
            if (path == "/api/chat")
            {
                var (chat, _) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Chat);
                return NativeRequestRules.ImagesError(chat!.Messages!.Select(m => m?.Images));
            }

            var (generate, _) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Generate);
            return NativeRequestRules.ImagesError(generate!.Images);
        });

        error.ShouldBeNull();
        // Before, the image (and a message's thinking) was also a UTF-16 string: two bytes a character, each.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("""["aGVsbG8="]""")]
    [InlineData("""["aGVs\nbG8=", null, "aGk="]""")]
    [InlineData("""["aGVsbG8=","a$c="]""")]
    [InlineData("""["abc"]""")]
    [InlineData("""["ab=c"]""")]
    [InlineData("""["aGk=aGk="]""")]
    [InlineData("""["aGk\/", "\u00e9A=="]""")]
    [InlineData("""["YQ\u003d\u003d", "a"]""")]
    [InlineData("""["aGVsbG8=", "caf\u00e9"]""")]
    [InlineData("""["aGVs\r\nbG8", "x"]""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void ImagesError_CheckedInTheBody_IsTheErrorTheStringsGave(string images)
    {
        var chat = $$"""{"model":"m","messages":[{"role":"user","content":"x","images":{{images}}}]}""";
        var generate = $$"""{"model":"m","prompt":"x","images":{{images}}}""";

        var checkedChat = JsonSerializer.Deserialize(chat, UnreadRequestTypes.Chat)!.Messages!.Select(m => m?.Images);
        var stringChat = JsonSerializer.Deserialize(chat, ProtocolJsonContext.Default.ChatRequest)!.Messages!.Select(m => m?.Images);
        var checkedGenerate = JsonSerializer.Deserialize(generate, UnreadRequestTypes.Generate)!.Images;
        var stringGenerate = JsonSerializer.Deserialize(generate, ProtocolJsonContext.Default.GenerateRequest)!.Images;

        if (images != "null")
        {
            checkedGenerate.ShouldBeOfType<CheckedImages>();
        }

        NativeRequestRules.ImagesError(checkedChat).ShouldBe(NativeRequestRules.ImagesError(stringChat));
        NativeRequestRules.ImagesError(checkedGenerate).ShouldBe(NativeRequestRules.ImagesError(stringGenerate));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x","images":[1]}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x","images":"aGk="}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x","thinking":5}]}""")]
    public void ReadChatBody_ImagesOrThinkingOfTheWrongType_FailsAtTheSameField(string body)
    {
        var unread = Should.Throw<JsonException>(() => JsonSerializer.Deserialize(body, UnreadRequestTypes.Chat));
        var strings = Should.Throw<JsonException>(() => JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ChatRequest));

        var bytes = Encoding.UTF8.GetBytes(body);
        GoJsonErrors.Describe(unread, bytes, UnreadRequestTypes.Chat)
            .ShouldBe(GoJsonErrors.Describe(strings, bytes, ProtocolJsonContext.Default.ChatRequest));
    }
}
