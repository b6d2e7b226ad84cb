using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// A semantic fault: it changes what a structured answer (a request with <c>format</c> or <c>response_format</c>)
/// says, not how the stream travels, so it has no wire hook. The answer still streams token by token and ends with a
/// clean <c>done</c>; requests without a format are left alone.
/// </summary>
public abstract class StructuredOutputFault(double probability) : StreamFault
{
    public double Probability { get; } = probability;

    /// <summary>
    /// The answer's text after the fault: <paramref name="value"/> is the valid answer (already serialized as
    /// <paramref name="json"/>), <paramref name="schema"/> null for <c>"json"</c>. <paramref name="what"/> says what
    /// was done, for the journal.
    /// </summary>
    internal abstract string Corrupt(string json, JsonNode? value, JsonElement? schema, Random random, out string what);
}
