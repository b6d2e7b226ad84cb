using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Endpoints.OpenAi;
using StreamingHarness.FakeOllama.Streaming;
using static StreamingHarness.FakeOllama.Tests.Endpoints.RequestBodyMemoryTests;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What the embedding endpoints' work on a large body costs in memory (#26, point 7): reading the body, taking its
/// inputs, their vectors and token counts, measured as <see cref="RequestBodyMemoryTests"/> measures a chat body.
/// </summary>
public sealed class EmbedBodyMemoryTests
{
    private const int ContentBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("/api/embed", "plain text ", 1)]
    [InlineData("/api/embed", "a line\\n", 1)]
    [InlineData("/api/embed", "caf\\u00e9 \\\"q\\\" 日本 ", 2)]
    [InlineData("/api/embeddings", "plain text ", 1)]
    [InlineData("/api/embeddings", "a line\\n", 1)]
    [InlineData("/v1/embeddings", "plain text ", 1)]
    [InlineData("/v1/embeddings", "caf\\u00e9\\t", 2)]
    public async Task EmbedBody_LargeInput_AllocatesOneCopyOfTheBody(string path, string unit, int inputCount)
    {
        var content = Repeat(unit, ContentBytes / inputCount);
        var input = inputCount == 1 ? $"\"{content}\"" : $"[{string.Join(',', Enumerable.Repeat($"\"{content}\"", inputCount))}]";
        var body = Encoding.UTF8.GetBytes(path == "/api/embeddings"
            ? $$"""{"model":"m","prompt":{{input}}}"""
            : $$"""{"model":"m","input":{{input}},"dimensions":768}""");

        var ((vectors, tokens), allocated) = await ThreadAllocations.OfSecondRunAsync(async () =>
        {
            var inputs = await ReadInputsAsync(path, Request(body));
            return (EmbedEndpoint.Vectors("m:latest", inputs, 768), EmbedEndpoint.PromptTokens(inputs));
        });

        vectors.Length.ShouldBe(inputCount);
        tokens.ShouldBeGreaterThan(ContentBytes / unit.Length);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path} {unit}: {allocated} bytes for a {body.Length}-byte body");
        // Before #26 the input was also a JsonDocument's copy, a UTF-16 string, that string again with the model's name
        // before it, and its UTF-8 bytes: 6 to 8.4 times the body.
        allocated.ShouldBeLessThan(body.Length + 256 * 1024);
    }

    [Theory]
    [InlineData("/api/embed", """{"input":["caf\u00e9 \"q\"","","\ud83d\ude00\n"]}""", "caf\u00e9 \"q\"||\U0001F600\n")]
    [InlineData("/api/embed", """ {"INPUT":"any case"} {"input":"trailing"}""", "any case")]
    [InlineData("/api/embed", """{"input":""}""", "")]
    [InlineData("/api/embeddings", """{"prompt":"a\/b\\c"}""", "a/b\\c")]
    [InlineData("/v1/embeddings", """{"input":""}""", "")]
    [InlineData("/v1/embeddings", """{"input":["x\ty","z"]}""", "x\ty|z")]
    public async Task EmbedBody_Inputs_AreTheUnescapedTexts(string path, string body, string expected)
    {
        var inputs = await ReadInputsAsync(path, Request(Encoding.UTF8.GetBytes(body)));

        string.Join('|', inputs.Select(text => Encoding.UTF8.GetString(text.Span))).ShouldBe(expected);
    }

    [Fact]
    public async Task OpenAiEmbedBody_EmptyString_IsOneEmptyInput()
    {
        (await ReadInputsAsync("/v1/embeddings", Request("""{"input":""}"""u8.ToArray()))).Length.ShouldBe(1);
        (await ReadInputsAsync("/api/embed", Request("""{"input":""}"""u8.ToArray()))).Length.ShouldBe(0);
    }

    /// <summary>The inputs as each endpoint takes them from its body.</summary>
    private static async Task<ReadOnlyMemory<byte>[]> ReadInputsAsync(string path, FakeRequest request)
    {
        switch (path)
        {
            case "/api/embed":
                var (embed, embedJson) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Embed);
                EmbedEndpoint.TryInputs(embed.ShouldNotBeNull().Input, embedJson, out var inputs).ShouldBeTrue();
                return inputs;
            case "/api/embeddings":
                var (legacy, legacyJson) = await RequestBody.ReadOrRejectJsonAsync(request, UnreadRequestTypes.Embeddings);
                legacy.ShouldNotBeNull();
                return [BodyInputs.OfPromptField(legacyJson)];
            default:
                var (openAi, _, openAiJson) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.OpenAiEmbed);
                EmbeddingsEndpoint.TryInputs(openAi.ShouldNotBeNull().Input, openAiJson, out inputs).ShouldBeTrue();
                return inputs;
        }
    }
}
