using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Tests.Support;

internal static class TestScenarios
{
    /// <summary>"Hello, world!" in four tokens, with just enough delay that every duration is measurable.</summary>
    public static Scenario Hello(string name = "hello", string model = "m") => new()
    {
        Name = name,
        Models = [new ModelSpec { Name = model, Capabilities = ["completion", "tools"] }],
        Response = "Hello, world!",
        LoadMs = 1,
        FirstTokenMs = 1,
    };

    public static Task<FakeOllamaServer> StartAsync(params Scenario[] scenarios) =>
        FakeOllamaServer.StartAsync(new FakeOllamaOptions { Scenarios = scenarios });

    public static HttpClient Client(FakeOllamaServer fake) => new() { BaseAddress = fake.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
