using System.Text.Json;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.Harness.Tests.Probes;

/// <summary>
/// tests/clients/a2a-agent.mjs: an A2A agent built with <c>@a2a-js/sdk</c>'s own server classes, on a free loopback
/// port, shared by a test class. The request's model picks what it does (stream, fail, throw, truncate, reply).
/// </summary>
public sealed class A2aAgentFixture : IAsyncLifetime
{
    /// <summary>What the agent streams, one artifact update per chunk (the same list as in a2a-agent.mjs).</summary>
    public static readonly string[] Chunks = ["Hel", "lo, ", "wörld", " — ", "A2A", "!"];

    private NodeProcess? _agent;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _agent = await NodeClients.StartAsync("a2a-agent.mjs", "@a2a-js", TestContext.Current.CancellationToken);
        var port = JsonDocument.Parse(_agent.ReadyLine).RootElement.GetProperty("port").GetInt32();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
