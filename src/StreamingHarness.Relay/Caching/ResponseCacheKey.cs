using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Decides whether a request is deterministic, and if so names its cache entry: SHA-256 over a canonical JSON form
/// (object keys in ordinal order, no whitespace, numbers normalised) of the scope (the API key's id), the route and the
/// request body. Any front end can use it with its own route and an Ollama request body.
/// </summary>
internal static class ResponseCacheKey
{
    public const string Prefix = "relay:stream:v1:";

    /// <summary>Top-level fields that do not change the answer: how long the model stays loaded, and streaming,
    /// which a cacheable request always does.</summary>
    private static readonly string[] Ignored = ["keep_alive", "stream"];

    /// <summary>
    /// The key, or null when the answer may differ between two runs: no <c>options.seed</c> and no
    /// <c>options.temperature</c> of 0, tools offered, <c>stream</c> false, or a body that is not a JSON object.
    /// </summary>
    public static string? For(string route, ReadOnlyMemory<byte> body, string scope)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!IsDeterministic(root))
            {
                return null;
            }

            var canonical = new ArrayBufferWriter<byte>(body.Length + 128);
            using (var json = new Utf8JsonWriter(canonical))
            {
                json.WriteStartObject();
                json.WritePropertyName("body");
                WriteCanonical(json, root, Ignored);
                json.WriteString("route", route);
                json.WriteString("scope", scope);
                json.WriteEndObject();
            }

            return Prefix + Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
        }
    }

    public static bool IsDeterministic(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object
            || (request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.False)
            || (request.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
            || !request.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return (options.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number)
            || (options.TryGetProperty("temperature", out var temperature)
                && temperature.ValueKind == JsonValueKind.Number && temperature.TryGetDouble(out var t) && t == 0);
    }

    private static void WriteCanonical(Utf8JsonWriter json, JsonElement element, string[]? ignored = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                var properties = element.EnumerateObject()
                    .Where(p => ignored is null || !ignored.Contains(p.Name, StringComparer.Ordinal))
                    .OrderBy(p => p.Name, StringComparer.Ordinal);
                foreach (var property in properties)
                {
                    json.WritePropertyName(property.Name);
                    WriteCanonical(json, property.Value);
                }

                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(json, item);
                }

                json.WriteEndArray();
                break;
            case JsonValueKind.String:
                json.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                json.WriteNumberValue(integer);
                break;
            case JsonValueKind.Number when element.TryGetDouble(out var real):
                // 0.0, 0 and 0e0 are one value: the shortest round-trip form names it.
                json.WriteNumberValue(real);
                break;
            default:
                element.WriteTo(json);
                break;
        }
    }
}
