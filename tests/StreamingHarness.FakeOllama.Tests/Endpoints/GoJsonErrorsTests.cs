using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>The Go type comes from the request type's metadata at the failing path, not from System.Text.Json's wording.</summary>
public sealed class GoJsonErrorsTests
{
    [Theory]
    [InlineData("""{"raw":"yes"}""", "json: cannot unmarshal string into Go struct field GenerateRequest.raw of type bool")]
    [InlineData("""{"top_logprobs":"3"}""", "json: cannot unmarshal string into Go struct field GenerateRequest.top_logprobs of type int")]
    [InlineData("""{"images":"abc"}""", "json: cannot unmarshal string into Go struct field GenerateRequest.images of type []")]
    [InlineData("""{"context":[1,"x"]}""", "json: cannot unmarshal array into Go struct field GenerateRequest.context of type []")]
    [InlineData("""{"options":[1]}""", "json: cannot unmarshal array into Go struct field GenerateRequest.options of type object")]
    [InlineData("""{"model":7}""", "json: cannot unmarshal number into Go struct field GenerateRequest.model of type string")]
    [InlineData("""{"model":"m","prompt":"x""", "unexpected EOF")]
    [InlineData("""{"model":"m",}""", "invalid character '}' looking for beginning of object key string")]
    public void Parse_BadGenerateBody_GivesGosWords(string body, string expected)
    {
        var (value, error) = RequestBody.Parse(Encoding.UTF8.GetBytes(body), ProtocolJson.Context.GenerateRequest);

        value.ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Parse_NestedMismatch_NamesThePathWithoutIndices()
    {
        var body = """{"messages":[{"role":"user"},{"role":"user","images":{}}]}"""u8;

        var (_, error) = RequestBody.Parse(body, ProtocolJson.Context.ChatRequest);

        error.ShouldBe("json: cannot unmarshal value into Go struct field ChatRequest.messages.images of type []");
    }
}
