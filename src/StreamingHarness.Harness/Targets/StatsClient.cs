using System.Net.Http.Json;
using StreamingHarness.Protocol.Operations;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Harness.Targets;

/// <summary>Reads <c>GET /__stats</c> (optionally after a forced full GC) from a server the harness started.</summary>
internal sealed class StatsClient(HttpClient client, string name, Uri baseAddress)
{
    public string Name { get; } = name;

    public Uri BaseAddress { get; } = baseAddress;

    public async Task<ProcessStats> ReadAsync(bool forceGc, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseAddress, forceGc ? "/__stats?gc=true" : "/__stats");
        var stats = await client.GetFromJsonAsync(uri, ProtocolJson.Context.ProcessStats, cancellationToken).ConfigureAwait(false);
        return stats ?? throw new InvalidOperationException($"{Name}: GET {uri} returned null.");
    }
}
