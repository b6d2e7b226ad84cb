using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>The request-size limit (<see cref="FakeOllamaOptions.MaxRequestBodyBytes"/>) and what the journal keeps of a body.</summary>
public sealed class RequestBodyLimitTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("api/chat", false, """{"error":"http: request body too large"}""")]
    [InlineData("api/chat", true, """{"error":"http: request body too large"}""")]
    [InlineData("api/generate", false, """{"error":"http: request body too large"}""")]
    [InlineData(
        "v1/chat/completions", false,
        """{"error":{"message":"http: request body too large","type":"api_error","param":null,"code":null}}""" + "\n")]
    public async Task Post_BodyOverTheLimit_Is413WithOllamasErrorBody(string path, bool chunked, string expected)
    {
        await using var fake = await StartAsync(new FakeOllamaOptions { Scenarios = [TestScenarios.Hello()], MaxRequestBodyBytes = 1024 });
        using var client = TestScenarios.Client(fake);
        var body = $$"""{"model":"m","messages":[{"role":"user","content":"{{new string('x', 2048)}}"}],"prompt":"x"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = chunked ? new ChunkedContent(body) : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldBe(expected);
    }

    [Fact]
    public async Task Post_BodyOverTheJournalLimit_JournalKeepsItsFirstCharacters()
    {
        await using var fake = await StartAsync(new FakeOllamaOptions { Scenarios = [TestScenarios.Hello()], JournalBodyLimit = 16 });
        using var client = TestScenarios.Client(fake);
        var body = """{"model":"m","messages":[{"role":"user","content":"é""" + new string('x', 100_000) + "\"}]}";

        using var response = await client.PostAsync(new Uri("api/chat", UriKind.Relative), new StringContent(body), Cancellation);
        var entry = await fake.Journal.WaitForAsync(e => e.Path == "/api/chat", TimeSpan.FromSeconds(10), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        entry.Body.ShouldBe(body[..16]);
    }

    private static Task<FakeOllamaServer> StartAsync(FakeOllamaOptions options) => FakeOllamaServer.StartAsync(options, Cancellation);

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length), as a streaming client sends it.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
