using System.Text.Json.Serialization;

namespace StreamingHarness.Harness.Bench;

/// <summary>report.json of <c>bench</c>, written as summary.json is (<c>Reports/ReportJsonContext</c>: the same options).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
