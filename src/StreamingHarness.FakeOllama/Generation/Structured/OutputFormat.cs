using System.Text;
using System.Text.Json;
using StreamingHarness.FakeOllama.Endpoints;

namespace StreamingHarness.FakeOllama.Generation.Structured;

/// <summary>
/// A request's <c>format</c> as Ollama's runner reads it (<c>llm/llama_server.go</c>, the format switch): absent,
/// <c>null</c> and <c>""</c> mean no constraint, <c>"json"</c> any JSON object, an object a JSON schema; anything else
/// is the runner's error, which the server answers as a 500 (or an error line once thinking has streamed).
/// </summary>
internal sealed class OutputFormat
{
    private OutputFormat(JsonElement? schema, string? error)
    {
        Schema = schema;
        Error = error;
    }

    /// <summary>The schema; null for <c>"json"</c> (any object).</summary>
    public JsonElement? Schema { get; }

    /// <summary>Ollama's message for a format it cannot use; null when the format is usable.</summary>
    public string? Error { get; }

    /// <summary>Null when the request sets no format.</summary>
    public static OutputFormat? Parse(JsonElement? format)
    {
        if (format is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String when value.ValueEquals(""):
                return null;
            case JsonValueKind.String when value.ValueEquals("json"):
                return new OutputFormat(null, null);
            case JsonValueKind.Object:
                return new OutputFormat(value.Clone(), null);
            default:
                // Go formats the raw request bytes with %q.
                var raw = Encoding.UTF8.GetBytes(value.GetRawText());
                return new OutputFormat(null, $"invalid format: {GoQuote.Of(raw)}; expected \"json\" or a valid JSON Schema object");
        }
    }
}
