using System.Text;
using System.Text.Json;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// Reads <c>input</c> as Ollama's <c>ResponsesInput.UnmarshalJSON</c> does, with its error texts: a string is one user
/// message; an array holds items (<c>message</c>, or a bare <c>role</c>; <c>function_call</c>,
/// <c>function_call_output</c>, <c>reasoning</c>, <c>web_search_call</c>). The fake only needs the last user message's text.
/// </summary>
internal static class ResponsesInput
{
    private const string FileInputs = "file inputs are not currently supported";
    private const string ItemTypeStruct = "struct { Type string \"json:\\\"type\\\"\"; Role string \"json:\\\"role\\\"\" }";

    /// <summary>The prompt (the last user message's text), or the error Ollama's decoder reports.</summary>
    public static bool TryRead(JsonElement? input, out string prompt, out string? error)
    {
        prompt = "";
        error = null;
        switch (input?.ValueKind)
        {
            case null or JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                prompt = input.Value.GetString()!;
                return true;
            case JsonValueKind.Array:
                break;
            default:
                error = "input must be a string or array: "
                    + $"json: cannot unmarshal {GoKind(input.Value)} into Go value of type []json.RawMessage";
                return false;
        }

        var index = 0;
        foreach (var item in input.Value.EnumerateArray())
        {
            if (ItemError(item, out var text) is { } itemError)
            {
                error = itemError == FileInputs ? itemError : $"input[{index}]: {itemError}";
                return false;
            }

            if (text is not null)
            {
                prompt = text;
            }

            index++;
        }

        return true;
    }

    /// <summary>Go's name of a JSON value's kind in "cannot unmarshal X into …".</summary>
    public static string GoKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };

    /// <summary>Null when the item is good; <paramref name="userText"/> is its text when it is a user message.</summary>
    private static string? ItemError(JsonElement item, out string? userText)
    {
        userText = null;
        if (item.ValueKind == JsonValueKind.Null)
        {
            return "input item missing required 'type' field";
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"json: cannot unmarshal {GoKind(item)} into Go value of type {ItemTypeStruct}";
        }

        var type = StringField(item, "type");
        var role = StringField(item, "role");
        if (type == "" && role != "")
        {
            type = "message";
        }

        switch (type)
        {
            case "message":
                return MessageError(item, role, out userText);
            case "function_call" or "function_call_output" or "reasoning" or "web_search_call":
                return null;
            case "":
                return "input item missing required 'type' field";
            default:
                return $"unknown input item type: \"{type}\"";
        }
    }

    private static string? MessageError(JsonElement item, string role, out string? userText)
    {
        userText = null;
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = new StringBuilder();
        if (content.ValueKind == JsonValueKind.String)
        {
            text.Append(content.GetString());
        }
        else if (content.ValueKind != JsonValueKind.Array)
        {
            return $"content must be a string or array: json: cannot unmarshal {GoKind(content)} into Go value of type []json.RawMessage";
        }
        else
        {
            var index = 0;
            foreach (var part in content.EnumerateArray())
            {
                var partType = part.ValueKind == JsonValueKind.Object ? StringField(part, "type") : "";
                switch (partType)
                {
                    case "input_text" or "output_text":
                        text.Append(StringField(part, "text"));
                        break;
                    case "input_image":
                        break;
                    case "input_file":
                        // Ollama decodes it, then refuses it while converting, without the item's index.
                        return FileInputs;
                    default:
                        return $"content[{index}]: unknown content type: {partType}";
                }

                index++;
            }
        }

        if (string.Equals(role, "user", StringComparison.OrdinalIgnoreCase))
        {
            userText = text.ToString();
        }

        return null;
    }

    private static string StringField(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
