using System.Text;
using Shouldly;
using StreamingHarness.Relay.Caching;

namespace StreamingHarness.Relay.Tests.Caching;

public sealed class ResponseCacheKeyTests
{
    private const string Route = "/stream/chat";
    private const string Anonymous = "anonymous";
    private const string Seeded = """{"model":"m","messages":[{"role":"user","content":"hi"}],"options":{"seed":7,"top_k":5}}""";

    [Theory]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":7}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":-1}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"temperature":0}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"temperature":0.0},"tools":[]}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":1},"stream":true}""")]
    public void For_Deterministic_IsAPrefixedSha256(string body)
    {
        var key = For(body);

        key.ShouldNotBeNull();
        key.ShouldStartWith(ResponseCacheKey.Prefix);
        key[ResponseCacheKey.Prefix.Length..].ShouldMatch("^[0-9a-f]{64}$");
    }

    [Theory]
    [InlineData("""{"model":"m","prompt":"p"}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"temperature":0.1}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":"7"}}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":7},"stream":false}""")]
    [InlineData("""{"model":"m","prompt":"p","options":{"seed":7},"tools":[{"type":"function"}]}""")]
    [InlineData("""{"model":"m","prompt":"p","seed":7}""")]
    [InlineData("""[{"options":{"seed":7}}]""")]
    [InlineData("""{"model":"m","options":{"seed":7}""")]
    public void For_NotDeterministicOrNotJson_IsNull(string body) => For(body).ShouldBeNull();

    [Fact]
    public void For_SameRequestWrittenDifferently_SameKey()
    {
        var other = """
            { "options": { "top_k": 5.0, "seed": 7 }, "keep_alive": "1h", "stream": true,
              "messages": [ { "content": "hi", "role": "user" } ], "model": "m" }
            """;

        For(other).ShouldBe(For(Seeded));
    }

    [Theory]
    [InlineData(Route, Anonymous, """{"model":"m","messages":[{"role":"user","content":"hi"}],"options":{"seed":8,"top_k":5}}""")]
    [InlineData(Route, Anonymous, """{"model":"n","messages":[{"role":"user","content":"hi"}],"options":{"seed":7,"top_k":5}}""")]
    [InlineData(Route, Anonymous, """{"model":"m","messages":[{"role":"user","content":"Hi"}],"options":{"seed":7,"top_k":5}}""")]
    [InlineData(Route, Anonymous, """{"model":"m","messages":[{"role":"user","content":"hi"}],"options":{"seed":7,"top_k":6}}""")]
    [InlineData("/api/chat", "anonymous", Seeded)]
    [InlineData("/stream/chat", "key:key-1", Seeded)]
    public void For_AnyPartDiffers_DifferentKey(string route, string scope, string body) =>
        ResponseCacheKey.For(route, Encoding.UTF8.GetBytes(body), scope).ShouldNotBe(For(Seeded));

    private static string? For(string body) => ResponseCacheKey.For(Route, Encoding.UTF8.GetBytes(body), Anonymous);
}
