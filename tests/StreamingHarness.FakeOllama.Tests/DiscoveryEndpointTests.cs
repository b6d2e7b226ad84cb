using System.Net;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class DiscoveryEndpointTests
{
    [Fact]
    public async Task Root_SaysOllamaIsRunning_ForGetAndHead()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var get = await client.GetAsync("", TestContext.Current.CancellationToken);
        get.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        (await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Ollama is running");

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ""), TestContext.Current.CancellationToken);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.ShouldBe(17);
    }

    [Fact]
    public async Task Version_IsCompactJson()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.GetAsync("api/version", TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"version":"0.33.0"}""");
    }

    [Fact]
    public async Task Tags_ListsEveryModelServed_WithScenarioNamesAsModels()
    {
        await using var fake = await TestScenarios.StartAsync(
            TestScenarios.Hello("hello", "llama3.2"), new Scenarios.Scenario { Name = "slow" });
        using var client = TestScenarios.Client(fake);

        var body = await client.GetStringAsync("api/tags", TestContext.Current.CancellationToken);

        body.ShouldMatch(
            """^\{"models":\[\{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"[^"]+","size":2019393189,"digest":"["""
            + """0-9a-f]{64}","details":\{"parent_model":"","format":"gguf","family":"llama","families":"""
            + """\["llama"\],"parameter_size":"3.2B","quantization_level":"Q4_K_M","context_length":4096,"embedding_length":384\},"""
            + "\"capabilities\":\\[\"completion\",\"tools\"\\]\\},"
            + """\{"name":"hello:latest",.*\},\{"name":"slow:latest",.*\}\]\}$""");
    }

    [Fact]
    public async Task BuiltInDefaultScenario_ServesLlamaAndQwen()
    {
        await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions(), TestContext.Current.CancellationToken);

        fake.ScenarioNames.ShouldContain("default");
        fake.ModelNames.ShouldContain("llama3.2:latest");
        fake.ModelNames.ShouldContain("qwen3:latest");
    }

    [Theory]
    [InlineData("api/tags")]
    [InlineData("api/version")]
    public async Task Head_AnswersLikeGetWithoutABody(string path)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);
        var get = await client.GetByteArrayAsync(path, TestContext.Current.CancellationToken);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), TestContext.Current.CancellationToken);

        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        head.Content.Headers.ContentLength.ShouldBe(get.Length);
        (await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }
}
