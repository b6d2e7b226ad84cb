using System.Net;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Bench;

/// <summary>One server process under measurement: its address, the process whose CPU counts, and how it is asked.</summary>
internal sealed record BenchServer(string Name, ChildProcess Process, IPEndPoint Endpoint, ChildProcess? Upstream = null)
{
    public BenchWire Wire { get; init; } = BenchWire.Ndjson;
}
