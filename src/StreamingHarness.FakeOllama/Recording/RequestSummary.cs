using System.Text;
using System.Text.Json;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// What a recording notes about its request: the model and the prompt (<c>prompt</c>, a Responses <c>input</c> string),
/// or the last user message (of <c>messages</c> or a Responses <c>input</c> list; its content a string or text blocks).
/// </summary>
internal static class RequestSummary
{
    public static RecordedRequest Of(string method, string path, ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        string model = "", prompt = "";
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                model = StringOf(Property(document.RootElement, "model")) ?? "";
                var root = document.RootElement;
                prompt = StringOf(Property(root, "prompt")) ?? StringOf(Property(root, "input"))
                    ?? LastUserMessage(Property(root, "messages")) ?? LastUserMessage(Property(root, "input")) ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the recording keeps the body as it was; model and prompt stay empty.
        }

        return new RecordedRequest(method, path, model, prompt.Length == 0 ? null : prompt, text);
    }

    /// <summary>Keys match case-insensitively, as Ollama's request binding does.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? StringOf(JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private static string? LastUserMessage(JsonElement? messages)
    {
        if (messages is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        string? last = null;
        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object
                && string.Equals(StringOf(Property(message, "role")), "user", StringComparison.OrdinalIgnoreCase))
            {
                last = TextOf(Property(message, "content")) ?? last;
            }
        }

        return last;
    }

    /// <summary>A string, or the texts of an array of blocks (<c>text</c>, <c>input_text</c>) joined.</summary>
    private static string? TextOf(JsonElement? content)
    {
        if (content is not { ValueKind: JsonValueKind.Array } blocks)
        {
            return StringOf(content);
        }

        var texts = blocks.EnumerateArray()
            .Select(b => b.ValueKind == JsonValueKind.Object ? StringOf(Property(b, "text")) : null)
            .OfType<string>()
            .ToList();
        return texts.Count == 0 ? null : string.Concat(texts);
    }
}
