using System.Text.Json;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Responses;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// Reads <c>input</c> as Ollama's <c>ResponsesInput.UnmarshalJSON</c> does, with its error texts: a string is one user
/// message; an array holds items (<c>message</c>, or a bare <c>role</c>; <c>function_call</c>,
/// <c>function_call_output</c>, <c>reasoning</c>, <c>web_search_call</c>). The fake only needs the last user message's text
/// (its text parts joined, as Ollama's <c>convertResponsesContent</c> joins them), which it takes from the body in place
/// (#26): a 27 MiB input is held once.
/// </summary>
internal static class ResponsesInput
{
    private const string FileInputs = "file inputs are not currently supported";
    private const string ItemTypeStruct = "struct { Type string \"json:\\\"type\\\"\"; Role string \"json:\\\"role\\\"\" }";

    /// <summary>
    /// The body and its prompt, or the body's error (<see cref="RequestBody"/>'s) or the one Ollama's decoder reports of
    /// the input.
    /// </summary>
    public static async Task<(ResponsesRequest? Body, PromptText Prompt, string? Error)> ReadAsync(FakeRequest request)
    {
        var (body, error, json) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.Responses).ConfigureAwait(false);
        if (body is null)
        {
            return (null, PromptText.Empty, error);
        }

        var input = BodyPrompt.Locate(json, BodyTextJsonContext.Default.ResponsesInputField, out var start) is { } field
            ? BodyElement.At(json, start, field.Input)
            : default;
        return TryRead(input, out var prompt, out error) ? (body, prompt, null) : (null, PromptText.Empty, error);
    }

    private static bool TryRead(BodyElement input, out PromptText prompt, out string? error)
    {
        prompt = PromptText.Empty;
        error = null;
        switch (input.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                prompt = Prompt([input]);
                return true;
            case JsonValueKind.Array:
                break;
            default:
                error = "input must be a string or array: "
                    + $"json: cannot unmarshal {GoKind(input.ValueKind)} into Go value of type []json.RawMessage";
                return false;
        }

        IReadOnlyList<BodyElement>? lastUserText = null;
        var index = 0;
        foreach (var item in input.Items())
        {
            if (ItemError(item, out var text) is { } itemError)
            {
                error = itemError == FileInputs ? itemError : $"input[{index}]: {itemError}";
                return false;
            }

            lastUserText = text ?? lastUserText;
            index++;
        }

        prompt = Prompt(lastUserText ?? []);
        return true;
    }

    /// <summary>Go's name of a JSON value's kind in "cannot unmarshal X into …".</summary>
    public static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };

    /// <summary>The text's strings joined in the body; a string that is not there (not a string) reads as "".</summary>
    private static PromptText Prompt(IReadOnlyList<BodyElement> text) =>
        BodyTextJoin.InPlace(text) is { IsEmpty: false } utf8 ? PromptText.FromUtf8(utf8) : PromptText.Empty;

    /// <summary>Null when the item is good; <paramref name="userText"/> is its text's strings when it is a user message.</summary>
    private static string? ItemError(BodyElement item, out IReadOnlyList<BodyElement>? userText)
    {
        userText = null;
        if (item.ValueKind == JsonValueKind.Null)
        {
            return "input item missing required 'type' field";
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"json: cannot unmarshal {GoKind(item.ValueKind)} into Go value of type {ItemTypeStruct}";
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

    private static string? MessageError(BodyElement item, string role, out IReadOnlyList<BodyElement>? userText)
    {
        userText = null;
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = new List<BodyElement>();
        if (content.ValueKind == JsonValueKind.String)
        {
            text.Add(content);
        }
        else if (content.ValueKind != JsonValueKind.Array)
        {
            return "content must be a string or array: "
                + $"json: cannot unmarshal {GoKind(content.ValueKind)} into Go value of type []json.RawMessage";
        }
        else
        {
            var index = 0;
            foreach (var part in content.Items())
            {
                var partType = part.ValueKind == JsonValueKind.Object ? StringField(part, "type") : "";
                switch (partType)
                {
                    case "input_text" or "output_text":
                        if (part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                        {
                            text.Add(partText);
                        }

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
            userText = text;
        }

        return null;
    }

    private static string StringField(BodyElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : "";
}
