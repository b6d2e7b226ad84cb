using System.Text;
using Shouldly;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Protocol.Tests.Json;

public sealed class OllamaErrorBodyTests
{
    [Theory]
    [InlineData("model 'x' not found", """{"error":"model 'x' not found"}""")]
    [InlineData("a<b>&c\n", """{"error":"a\u003cb\u003e\u0026c\n"}""")]
    public void ToUtf8_Message_IsGinsBodyWithGoEscaping(string message, string expected) =>
        Encoding.UTF8.GetString(OllamaErrorBody.ToUtf8(message)).ShouldBe(expected);

    [Fact]
    public void ToUtf8_LoneSurrogate_BecomesReplacementCharacter() =>
        Encoding.UTF8.GetString(OllamaErrorBody.ToUtf8("a\ud800b")).ShouldBe("{\"error\":\"a\ufffdb\"}");
}
