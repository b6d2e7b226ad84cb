using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Generation.Structured;

/// <summary>
/// The text of a constrained answer: for a schema, a value drawn from it (<see cref="SchemaValues"/>); for
/// <c>"json"</c>, <c>{"answer":…}</c> holding the scenario's answer. The scenario's first
/// <see cref="StructuredOutputFault"/> that fires (by its probability) then breaks it.
/// </summary>
internal static class StructuredAnswer
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(OutputFormat format, Scenario scenario, Random random, FaultContext faults)
    {
        var value = format.Schema is { } schema
            ? new SchemaValues(schema, random).Draw()
            : new JsonObject { ["answer"] = scenario.Response ?? Words(random, scenario.Tokens) };
        var json = Serialize(value);
        foreach (var fault in scenario.Faults.OfType<StructuredOutputFault>())
        {
            if (fault.Probability >= 1 || random.NextDouble() < fault.Probability)
            {
                json = fault.Corrupt(json, value, format.Schema, random, out var what);
                faults.Record(fault, what);
                break;
            }
        }

        return json;
    }

    public static string Serialize(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Words(Random random, int count)
    {
        var text = new StringBuilder();
        var source = new SeededTokenSource(random, Math.Clamp(count, 1, 64));
        while (source.TryNext(out var token))
        {
            text.Append(token);
        }

        return text.ToString();
    }
}
