using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamingHarness.Relay.Validation;

/// <summary>
/// Builds the Ollama <c>options</c> object: configured defaults, then the request's <c>options</c>, then the friendly
/// top-level aliases (<c>max_tokens</c> → <c>num_predict</c>, ...), checking each known option's range.
/// </summary>
internal static class GenerationOptions
{
    /// <summary>Top-level request fields accepted as aliases of Ollama options.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["max_tokens"] = "num_predict",
        ["temperature"] = "temperature",
        ["top_p"] = "top_p",
        ["top_k"] = "top_k",
        ["frequency_penalty"] = "frequency_penalty",
        ["presence_penalty"] = "presence_penalty",
        ["seed"] = "seed",
        ["stop"] = "stop",
    };

    public static JsonObject Build(JsonObject request, RequestLimitOptions limits, FieldErrors errors)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in limits.DefaultOptions)
        {
            merged[key] = OllamaOptionValue.Parse(value);
        }

        if (request["options"] is { } given)
        {
            if (given is JsonObject options)
            {
                foreach (var (key, value) in options)
                {
                    var target = key == "max_tokens" ? "num_predict" : key;
                    merged[target] = Check("options." + key, target, value, limits, errors);
                }
            }
            else
            {
                errors.Add("options", $"must be an object; got {Describe(given)}");
            }
        }

        foreach (var (alias, target) in Aliases)
        {
            if (!request.TryGetPropertyValue(alias, out var value))
            {
                continue;
            }

            if (request["options"] is JsonObject options && (options.ContainsKey(target) || options.ContainsKey(alias)))
            {
                errors.Add(alias, $"conflicts with options.{target}; set only one");
                continue;
            }

            merged[target] = Check(alias, target, value, limits, errors);
        }

        return merged;
    }

    private static JsonNode? Check(string field, string option, JsonNode? value, RequestLimitOptions limits, FieldErrors errors)
    {
        switch (option)
        {
            case "temperature":
                CheckNumber(field, value, 0, 2, integer: false, errors);
                break;
            case "top_p":
                CheckNumber(field, value, 0, 1, integer: false, errors);
                break;
            case "frequency_penalty" or "presence_penalty":
                CheckNumber(field, value, -2, 2, integer: false, errors);
                break;
            case "num_predict":
                CheckNumber(field, value, 1, limits.MaxTokensLimit, integer: true, errors);
                break;
            case "top_k":
                CheckNumber(field, value, 0, 1_000_000, integer: true, errors);
                break;
            case "seed":
                CheckNumber(field, value, long.MinValue, long.MaxValue, integer: true, errors);
                break;
            case "stop":
                return CheckStop(field, value, errors);
        }

        return value?.DeepClone();
    }

    private static void CheckNumber(string field, JsonNode? value, double min, double max, bool integer, FieldErrors errors)
    {
        if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
        {
            errors.Add(field, $"must be {(integer ? "an integer" : "a number")}; got {Describe(value)}");
            return;
        }

        var x = number.GetValue<double>();
        if (integer && x != Math.Floor(x))
        {
            errors.Add(field, $"must be an integer; got {x.ToString(CultureInfo.InvariantCulture)}");
        }
        else if (x < min || x > max)
        {
            errors.Add(field, $"must be between {Format(min)} and {Format(max)}; got {x.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Ollama wants <c>stop</c> as an array; a single string (as OpenAI allows) is wrapped.</summary>
    private static JsonNode? CheckStop(string field, JsonNode? value, FieldErrors errors)
    {
        switch (value)
        {
            case JsonValue single when single.GetValueKind() == JsonValueKind.String:
                return new JsonArray(single.DeepClone());
            case JsonArray list when list.All(item => item?.GetValueKind() == JsonValueKind.String):
                return list.DeepClone();
            default:
                errors.Add(field, $"must be a string or an array of strings; got {Describe(value)}");
                return null;
        }
    }

    private static string Format(double x) => x switch
    {
        long.MinValue or long.MaxValue => "any",
        _ => x.ToString(CultureInfo.InvariantCulture),
    };

    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
