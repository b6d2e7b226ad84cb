using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Operations;

/// <summary>
/// What the fake and the relay report on <c>GET /__stats</c>, so the load harness can measure memory per open stream
/// the way the field's benchmarks do (baseline after a full GC, then again with N streams held open).
/// </summary>
public sealed record ProcessStats(
    [property: JsonPropertyName("working_set_bytes")] long WorkingSetBytes,
    [property: JsonPropertyName("managed_heap_bytes")] long ManagedHeapBytes,
    [property: JsonPropertyName("total_allocated_bytes")] long TotalAllocatedBytes,
    [property: JsonPropertyName("gen2_collections")] int Gen2Collections,
    [property: JsonPropertyName("cpu_time_ms")] double CpuTimeMs,
    [property: JsonPropertyName("active_streams")] long ActiveStreams);
