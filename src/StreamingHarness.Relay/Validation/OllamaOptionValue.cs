using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamingHarness.Relay.Validation;

/// <summary>Turns a configured option string into the JSON value Ollama expects: a number, a boolean, or a string.</summary>
internal static class OllamaOptionValue
{
    public static JsonNode Parse(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(text);
    }
}
