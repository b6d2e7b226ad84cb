using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Tests.Fuzzing;

/// <summary>
/// The fake on the in-process test server (no sockets: thousands of requests a second) with every log captured, so
/// that a test sees an unhandled exception even when the client only saw a status.
/// </summary>
internal sealed class InProcessFake : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessFake(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
        Logs = app.Services.GetFakeLogCollector();
    }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>A thinking, tool-calling model named <c>fuzz</c> that answers at once.</summary>
    public static Scenario FastScenario { get; } = new()
    {
        Name = "fuzz",
        Response = "Hello from the fuzz scenario.",
        Thinking = "Thinking briefly.",
        FirstTokenMs = 0,
        InterTokenMs = 0,
        Parallel = 64,
    };

    public static async Task<InProcessFake> StartAsync()
    {
        var options = new FakeOllamaOptions { Scenarios = [FastScenario], WriteThrough = false };
        var app = FakeOllamaApp.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddFakeLogging();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new InProcessFake(app);
    }

    /// <summary>Log records at Error or above, each with its exception.</summary>
    public IReadOnlyList<string> Errors() =>
        [.. Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}")];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
