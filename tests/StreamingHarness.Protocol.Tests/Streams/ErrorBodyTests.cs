using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class ErrorBodyTests
{
    [Theory]
    [InlineData("""{"error":"model 'x' not found"}""", "model 'x' not found")]
    [InlineData("""{"error":{"message":"slow down","type":"rate_limit","code":"rate_limit_exceeded"}}""", "slow down")]
    [InlineData("""{"error":{"type":"server_error"}}""", """{"type":"server_error"}""")]
    [InlineData("""{"error":42}""", "42")]
    [InlineData("""{"model":"m","error":"late key"}""", "late key")]
    public void MessageOf_ErrorBody_IsTheMessage(string body, string message) =>
        ErrorBody.MessageOf(Encoding.UTF8.GetBytes(body)).ShouldBe(message);

    [Theory]
    [InlineData("""{"error":null}""")]
    [InlineData("""{"error":""}""")]
    [InlineData("""{"status":"ok"}""")]
    [InlineData("""["error"]""")]
    [InlineData("""502 Bad Gateway""")]
    [InlineData("")]
    public void MessageOf_NotAnErrorBody_IsNull(string body) =>
        ErrorBody.MessageOf(Encoding.UTF8.GetBytes(body)).ShouldBeNull();

    [Fact]
    public void TryReadValue_OpenAiObject_ReadsCodeAndMessageAndMovesPast()
    {
        var reader = new Utf8JsonReader("""{"error":{"message":"m","code":429},"after":1}"""u8);
        reader.Read();
        reader.Read();

        ErrorBody.TryReadValue(ref reader, out var code, out var message).ShouldBeTrue();

        (code, message).ShouldBe(("429", "m"));
        reader.Read().ShouldBeTrue();
        reader.GetString().ShouldBe("after");
    }
}
