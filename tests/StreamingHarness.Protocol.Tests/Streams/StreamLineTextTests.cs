using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class StreamLineTextTests
{
    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":"h\u00e9"}}]}""", "hé")]
    [InlineData("""{"choices":[{"index":0,"text":"plain"}]}""", "plain")]
    [InlineData("""{"choices":[{"delta":{"content":"first"}},{"delta":{"content":"second"}}]}""", "first")]
    [InlineData("""{"choices":[{"delta":{"content":"x"}}],"logprobs":{"content":"not text"}}""", "x")]
    [InlineData("""{"choices":[{"delta":{"reasoning":"thinking only"}}]}""", null)]
    [InlineData("""{"choices":[{"delta":{"content":""}}]}""", null)]
    [InlineData("""{"choices":[],"usage":{"completion_tokens":3}}""", null)]
    [InlineData("""not json""", null)]
    public void OpenAiContent_ReadsChoiceZerosText(string data, string? expected) =>
        StreamLineText.OpenAiContent(Encoding.UTF8.GetBytes(data)).ShouldBe(expected);

    [Theory]
    [InlineData("""{"index":3,"content":"a\nb","thinking":"t"}""", "a\nb")]
    [InlineData("""{"index":3,"content":"","thinking":"t"}""", null)]
    [InlineData("""[1]""", null)]
    public void RelayTokenContent_ReadsContent(string data, string? expected) =>
        StreamLineText.RelayTokenContent(Encoding.UTF8.GetBytes(data)).ShouldBe(expected);
}
