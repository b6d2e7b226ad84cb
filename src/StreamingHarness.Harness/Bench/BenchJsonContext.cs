using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Bench;

/// <summary>The bench's <c>report.json</c>, written with the load reports' settings (their context lives in <c>Reports/</c>).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
