using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class ScenarioSelectionTests
{
    private static HttpRequestMessage Generate(string model, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/generate")
        {
            Content = new StringContent($$"""{"model":"{{model}}","prompt":"x","stream":false}""", Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            request.Headers.Add("X-Fake-Scenario", header);
        }

        return request;
    }

    [Fact]
    public async Task Header_WinsOverModel()
    {
        var other = new Scenarios.Scenario { Name = "other", Response = "Other" };
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello(), other);
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(Generate("m", "other"), TestContext.Current.CancellationToken);

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"model\":\"m\",");
        var entry = await fake.Journal.WaitForAsync(
            e => e.Path == "/api/generate", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        entry.Scenario.ShouldBe("other");
    }

    [Theory]
    [InlineData("m")]
    [InlineData("m:latest")]
    [InlineData("hello")]
    public async Task Model_SelectsTheScenarioThatServesIt(string model)
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(Generate(model), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain($"\"model\":\"{model}\",");
    }

    [Fact]
    public async Task UnknownScenarioHeader_Is404NamingTheKnownScenarios()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var client = TestScenarios.Client(fake);

        using var response = await client.SendAsync(Generate("m", "missing"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"error":"fake scenario 'missing' not found (known: hello)"}""");
    }
}
