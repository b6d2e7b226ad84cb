using System.Net;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Bench;

/// <summary>One server process under measurement: its address and the process whose CPU counts.</summary>
internal sealed record BenchServer(string Name, ChildProcess Process, IPEndPoint Endpoint, ChildProcess? Upstream = null);
