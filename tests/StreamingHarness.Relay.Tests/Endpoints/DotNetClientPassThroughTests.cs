using Shouldly;
using StreamingHarness.Testing.Clients;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// OllamaSharp and Microsoft.Extensions.AI pointed at the relay instead of Ollama: the pass-through must look like
/// Ollama to them, exactly as the fake does (the contract's tests run against the fake directly too).
/// </summary>
public sealed class DotNetClientPassThroughTests : DotNetClientContract
{
    private RelayOverFake _env = null!;

    [Fact]
    public async Task OllamaSharp_Tags_ListsTheUpstreamModels()
    {
        using var direct = Ollama(_env.Fake.BaseAddress);

        var models = await ModelNamesAsync(Client);

        models.ShouldBe(await ModelNamesAsync(direct));
        models.ShouldContain("qwen3:latest");
    }

    [Fact]
    public async Task OllamaSharp_Version_IsTheUpstreams() =>
        (await Client.GetVersionAsync(TestContext.Current.CancellationToken)).ShouldBe("0.33.0");

    protected override async Task<HttpClient> StartServerAsync()
    {
        _env = await RelayOverFake.StartAsync(builtInScenarios: true);
        return _env.Relay.CreateClient();
    }

    protected override ValueTask StopServerAsync() => _env.DisposeAsync();
}
