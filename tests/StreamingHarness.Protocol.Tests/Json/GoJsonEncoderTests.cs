using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Protocol.Tests.Json;

public sealed class GoJsonEncoderTests
{
    [Theory]
    [InlineData("I'm 1+1", "I'm 1+1")]
    [InlineData("a<b>&c", "a\\u003cb\\u003e\\u0026c")]
    [InlineData("quote\" back\\slash", "quote\\\" back\\\\slash")]
    [InlineData("\n\r\t\b\f", "\\n\\r\\t\\b\\f")]
    [InlineData("\u0001\u001f", "\\u0001\\u001f")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("héllo 日本 🙂", "héllo 日本 🙂")]
    [InlineData("`~", "`~")]
    public void Serialize_EscapesLikeGo(string text, string expected)
    {
        var json = Encoding.UTF8.GetString(
            JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(text), ProtocolJson.Context.ErrorResponse));

        json.ShouldBe($"{{\"error\":\"{expected}\"}}");
    }

    [Fact]
    public void Serialize_LoneSurrogate_BecomesReplacementCharacter()
    {
        // Go escapes invalid text as \ufffd; the UTF-8 writer replaces it before escaping: the decoded text is the same.
        var json = JsonSerializer.Serialize(new ErrorResponse("a\ud800b"), ProtocolJson.Context.ErrorResponse);

        json.ShouldBe("{\"error\":\"a\ufffdb\"}");
    }
}
