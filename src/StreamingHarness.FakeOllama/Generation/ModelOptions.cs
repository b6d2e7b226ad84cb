using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// The <c>options</c> object fields the fake acts on. Unknown keys are ignored as Ollama ignores them; a known key of
/// the wrong type gives Ollama's message (<c>option "stop" must be of type array</c>), answered with status 500.
/// </summary>
internal sealed record ModelOptions(int? NumPredict, long? Seed, IReadOnlyList<string> Stop)
{
    public static readonly ModelOptions None = new(null, null, []);

    public static ModelOptions Parse(JsonObject? options, out string? error)
    {
        error = null;
        if (options is null)
        {
            return None;
        }

        int? numPredict = null;
        long? seed = null;
        List<string> stop = [];
        foreach (var (key, value) in options)
        {
            if (value is null)
            {
                continue;
            }

            switch (key.ToLowerInvariant())
            {
                case "num_predict" when Number(value) is { } n:
                    numPredict = (int)Math.Clamp(Math.Truncate(n), int.MinValue, int.MaxValue);
                    break;
                case "num_predict":
                    error = "option \"num_predict\" must be of type integer";
                    return None;
                case "seed" when Number(value) is { } s:
                    seed = (long)Math.Truncate(s);
                    break;
                case "seed":
                    error = "option \"seed\" must be of type integer";
                    return None;
                case "stop" when value is JsonArray items && items.All(i => i?.GetValueKind() == JsonValueKind.String):
                    stop.AddRange(items.Select(i => i!.GetValue<string>()));
                    break;
                case "stop":
                    error = "option \"stop\" must be of type array";
                    return None;
                case "temperature" or "top_p" or "min_p" or "typical_p" or "repeat_penalty" or "presence_penalty" or "frequency_penalty"
                    when Number(value) is null:
                    error = $"option \"{key}\" must be of type float32";
                    return None;
            }
        }

        return new ModelOptions(numPredict, seed, stop);
    }

    private static double? Number(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}
