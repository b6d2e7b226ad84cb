using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>invalid-json</c>: the structured answer is not valid JSON, though the stream around it is clean and ends with
/// <c>done</c>: <see cref="InvalidJsonShape.Truncated"/> cuts the text at a seeded point,
/// <see cref="InvalidJsonShape.Unbalanced"/> leaves out its last closing bracket.
/// </summary>
public sealed class InvalidJsonFault(InvalidJsonShape shape, double probability) : StructuredOutputFault(probability)
{
    public override string Name => FaultCatalog.InvalidJson;

    public InvalidJsonShape Shape { get; } = shape;

    internal override string Corrupt(string json, JsonNode? value, JsonElement? schema, Random random, out string what)
    {
        if (Shape == InvalidJsonShape.Unbalanced)
        {
            var last = json.LastIndexOfAny(['}', ']']);
            var unbalanced = last < 0 ? json + "}" : json.Remove(last, 1);
            what = $"left out the last closing bracket ({unbalanced.Length} of {json.Length} characters)";
            return unbalanced;
        }

        var cut = json.Length <= 2 ? 1 : random.Next(json.Length / 3, json.Length - 1);
        what = $"cut the answer after {cut} of {json.Length} characters";
        return json[..Math.Max(1, cut)];
    }
}
