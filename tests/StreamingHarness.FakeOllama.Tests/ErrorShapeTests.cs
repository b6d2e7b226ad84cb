using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class ErrorShapeTests
{
    [Theory]
    [InlineData("api/generate", """{"model":"nope","prompt":"x"}""", 404, """{"error":"model 'nope' not found"}""")]
    [InlineData("api/generate", """{"prompt":"x"}""", 404, """{"error":"model '' not found"}""")]
    [InlineData("api/chat", """{"model":"nope","messages":[]}""", 404, """{"error":"model 'nope' not found"}""")]
    [InlineData("api/chat", """{"messages":[]}""", 400, """{"error":"model is required"}""")]
    [InlineData("api/chat", "", 400, """{"error":"missing request body"}""")]
    [InlineData("api/generate", "  \n", 400, """{"error":"missing request body"}""")]
    [InlineData("api/generate", "xyz", 400, """{"error":"invalid character 'x' looking for beginning of value"}""")]
    [InlineData("api/generate", """{"model":"m","prompt":"x""", 400, """{"error":"unexpected EOF"}""")]
    [InlineData(
        "api/generate", """{"model":"m","stream":"yes"}""", 400,
        """{"error":"json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool"}""")]
    [InlineData(
        "api/chat", """{"model":"m","messages":[{"role":"user","content":1}]}""", 400,
        """{"error":"json: cannot unmarshal value into Go struct field ChatRequest.messages.content of type string"}""")]
    [InlineData(
        "api/generate", """{"model":"m","prompt":"x","options":{"stop":"x"}}""", 500,
        """{"error":"option \"stop\" must be of type array"}""")]
    [InlineData("api/generate", """{"model":"m","prompt":"x","think":true}""", 400, """{"error":"\"m\" does not support thinking"}""")]
    [InlineData(
        "api/generate", """{"model":"m","prompt":"x","think":"loud"}""", 400,
        """{"error":"invalid think value: \"loud\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)"}""")]
    [InlineData(
        "api/chat", """{"model":"nope","messages":[],"think":7}""", 400,
        """{"error":"think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)"}""")]
    [InlineData(
        "api/generate", """{"model":"nope","prompt":"x","think":"HIGH","top_logprobs":99}""", 400,
        """{"error":"invalid think value: \"HIGH\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)"}""")]
    [InlineData(
        "api/generate", """{"model":"m","prompt":"x","raw":true,"system":"s"}""", 400,
        """{"error":"raw mode does not support template, system, or context"}""")]
    [InlineData(
        "api/generate", """{"model":"m","prompt":"x","keep_alive":"soon"}""", 400, """{"error":"time: invalid duration \"soon\""}""")]
    [InlineData(
        "api/chat", """{"model":"m","messages":[],"keep_alive":"5"}""", 400, """{"error":"time: missing unit in duration \"5\""}""")]
    [InlineData(
        "api/chat", """{"model":"m","messages":[],"top_logprobs":21}""", 400, """{"error":"top_logprobs must be between 0 and 20"}""")]
    public async Task NativeErrors_HaveOllamasStatusAndBody(string path, string body, int status, string expected)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync(
            path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
        var entry = await fake.Journal.WaitForAsync(
            e => e.Path == "/" + path, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        entry.Ending.ShouldBe(StreamEnding.Error);
        entry.Status.ShouldBe(status);
    }

    [Fact]
    public async Task UnknownRoute_Is404PlainText()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.GetAsync("api/nothing", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("404 page not found");
    }

    [Fact]
    public async Task WrongMethod_Is405PlainText()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.GetAsync("api/chat", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("405 method not allowed");
    }
}
