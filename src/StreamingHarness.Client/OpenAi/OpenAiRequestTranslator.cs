using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// Turns an Ollama <c>/api/chat</c> or <c>/api/generate</c> body into a streamed <c>chat/completions</c> request:
/// messages (a generate's <c>system</c> and <c>prompt</c> become two), tools, earlier tool calls with their arguments
/// as JSON strings, <c>options.num_predict</c>/<c>temperature</c>/<c>top_p</c>/<c>seed</c>/<c>stop</c>/penalties under
/// their OpenAI names, <c>think</c> as <c>reasoning_effort</c>, <c>format</c> as <c>response_format</c>, and always
/// <c>stream_options.include_usage</c> so the done chunk has Ollama's counts. Other options (<c>top_k</c>,
/// <c>num_ctx</c>, ...) have no OpenAI name and are dropped. Once per request, so a JSON tree is fine.
/// </summary>
public static class OpenAiRequestTranslator
{
    private static readonly string[] ThinkLevels = ["low", "medium", "high"];

    public static OpenAiTranslation Translate(ReadOnlySpan<byte> ollamaBody, OllamaEndpoint endpoint)
    {
        JsonObject body;
        try
        {
            if (JsonNode.Parse(GoJsonText.Repair(ollamaBody.ToArray()).Span) is not JsonObject parsed)
            {
                return OpenAiTranslation.Refused(400, "the request body must be a JSON object");
            }

            body = parsed;
        }
        catch (JsonException ex)
        {
            return OpenAiTranslation.Refused(400, "the request body is not valid JSON: " + ex.Message);
        }

        try
        {
            return Translate(body, endpoint);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            return OpenAiTranslation.Refused(400, ex.Message);
        }
    }

    private static OpenAiTranslation Translate(JsonObject body, OllamaEndpoint endpoint)
    {
        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : "";
        if (string.IsNullOrWhiteSpace(model))
        {
            // Ollama's own answers: chat checks the field, generate looks the empty name up.
            return endpoint == OllamaEndpoint.Chat
                ? OpenAiTranslation.Refused(400, "model is required")
                : OpenAiTranslation.Refused(404, $"model '{model}' not found");
        }

        var request = new ChatCompletionRequest
        {
            Model = model,
            Stream = true,
            StreamOptions = new StreamOptions { IncludeUsage = true },
            Messages = endpoint == OllamaEndpoint.Chat ? ChatMessages(body["messages"]) : GenerateMessages(body),
            Tools = body["tools"] is JsonArray tools ? (JsonArray)tools.DeepClone() : null,
            ReasoningEffort = ReasoningEffort(body["think"]),
            ResponseFormat = ResponseFormat(body["format"]),
        };
        if (body["options"] is JsonObject options)
        {
            MapOptions(options, request);
        }

        var stream = body["stream"] is not JsonValue s || s.GetValueKind() != JsonValueKind.False;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.ChatCompletionRequest);
        return new OpenAiTranslation(model, stream, bytes);
    }

    private static List<OpenAiMessage> ChatMessages(JsonNode? messages)
    {
        var result = new List<OpenAiMessage>();
        if (messages is not JsonArray array)
        {
            return result;
        }

        foreach (var node in array)
        {
            if (node is not JsonObject message)
            {
                throw new FormatException("every entry of 'messages' must be an object");
            }

            var role = message["role"]?.GetValue<string>() ?? "user";
            result.Add(new OpenAiMessage
            {
                Role = role,
                Content = Content(message["content"]?.GetValue<string>() ?? "", message["images"] as JsonArray),
                ToolCalls = message["tool_calls"] is JsonArray calls ? ToolCalls(calls) : null,
                ToolCallId = message["tool_call_id"]?.GetValue<string>(),
            });
        }

        return result;
    }

    private static List<OpenAiMessage> GenerateMessages(JsonObject body)
    {
        var result = new List<OpenAiMessage>();
        if (body["system"]?.GetValue<string>() is { Length: > 0 } system)
        {
            result.Add(new OpenAiMessage { Role = "system", Content = Content(system, null) });
        }

        var prompt = body["prompt"]?.GetValue<string>() ?? "";
        result.Add(new OpenAiMessage { Role = "user", Content = Content(prompt, body["images"] as JsonArray) });
        return result;
    }

    /// <summary>Text alone is a string; with images, content parts carrying them as <c>data:</c> URLs.</summary>
    private static JsonElement Content(string text, JsonArray? images)
    {
        if (images is not { Count: > 0 })
        {
            return JsonSerializer.SerializeToElement(text, ProtocolJson.Context.String);
        }

        var parts = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = text } };
        foreach (var image in images)
        {
            var url = "data:image/png;base64," + image!.GetValue<string>();
            parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } });
        }

        return JsonSerializer.SerializeToElement(parts, ProtocolJson.Context.JsonArray);
    }

    private static List<OpenAiToolCall> ToolCalls(JsonArray calls)
    {
        var result = new List<OpenAiToolCall>();
        for (var i = 0; i < calls.Count; i++)
        {
            var function = calls[i]?["function"] as JsonObject;
            result.Add(new OpenAiToolCall
            {
                Id = calls[i]?["id"]?.GetValue<string>() ?? $"call_{i}",
                Index = i,
                Function = new OpenAiFunctionCall
                {
                    Name = function?["name"]?.GetValue<string>() ?? "",
                    Arguments = function?["arguments"]?.ToJsonString() ?? "{}",
                },
            });
        }

        return result;
    }

    /// <summary><c>think:false</c> asks for no reasoning; a level keeps its name (<c>max</c> is OpenAI's <c>xhigh</c>).</summary>
    private static string? ReasoningEffort(JsonNode? think) => think?.GetValueKind() switch
    {
        JsonValueKind.False => "none",
        JsonValueKind.String when think.GetValue<string>() is var level && ThinkLevels.Contains(level) => level,
        JsonValueKind.String when think.GetValue<string>() == "max" => "xhigh",
        _ => null,
    };

    private static JsonObject? ResponseFormat(JsonNode? format) => format switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "json" =>
            new JsonObject { ["type"] = "json_object" },
        JsonObject schema => new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "response", ["schema"] = schema.DeepClone() },
        },
        _ => null,
    };

    /// <summary>Numbers as Ollama reads them (integers may come as floats and are truncated); a wrong type is refused.</summary>
    private static void MapOptions(JsonObject options, ChatCompletionRequest request)
    {
        if (Number(options, "num_predict", "int") is { } predict && predict >= 0)
        {
            request.MaxTokens = (int)Math.Min(predict, int.MaxValue);
        }

        request.Temperature = Number(options, "temperature", "float32");
        request.TopP = Number(options, "top_p", "float32");
        request.FrequencyPenalty = Number(options, "frequency_penalty", "float32");
        request.PresencePenalty = Number(options, "presence_penalty", "float32");
        request.Seed = Number(options, "seed", "int") is { } seed && seed >= 0 ? (long)seed : null;
        if (options["stop"] is { } stop)
        {
            request.Stop = stop is JsonArray stops
                ? JsonSerializer.SerializeToElement(stops, ProtocolJson.Context.JsonArray)
                : throw new FormatException("option \"stop\" must be of type array");
        }
    }

    private static double? Number(JsonObject options, string key, string goType) => options[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        _ => throw new FormatException($"option \"{key}\" must be of type {goType}"),
    };
}
