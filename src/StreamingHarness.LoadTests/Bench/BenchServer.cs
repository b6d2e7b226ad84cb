using System.Net;
using StreamingHarness.LoadTests.Targets;

namespace StreamingHarness.LoadTests.Bench;

/// <summary>One server process under measurement: its address and the process whose CPU counts.</summary>
internal sealed record BenchServer(string Name, ChildProcess Process, IPEndPoint Endpoint, ChildProcess? Upstream = null);
