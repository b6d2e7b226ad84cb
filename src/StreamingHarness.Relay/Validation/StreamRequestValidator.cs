using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Validation;

/// <summary>
/// Checks a <c>/stream/chat</c> or <c>/stream/generate</c> body and, when it is valid, builds the Ollama request.
/// Every problem is collected (not just the first), each under its field path. Fields the relay does not know
/// (<c>format</c>, <c>keep_alive</c>, <c>images</c>, <c>system</c>, ...) are forwarded untouched.
/// </summary>
internal static class StreamRequestValidator
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];
    private static readonly string[] ThinkLevels = ["low", "medium", "high", "max"];

    public static UpstreamRequest? Validate(
        ReadOnlySpan<byte> body, OllamaEndpoint endpoint, RequestLimitOptions limits, FieldErrors errors)
    {
        if (body.IsEmpty)
        {
            errors.Add(
                "body",
                "is required: a JSON object with at least 'model' and " + (endpoint == OllamaEndpoint.Chat ? "'messages'" : "'prompt'"));
            return null;
        }

        JsonObject request;
        try
        {
            // Lone surrogates and invalid UTF-8 in strings read as U+FFFD, as Ollama's Go decoder reads them.
            if (JsonNode.Parse(GoJsonText.Repair(body.ToArray()).Span) is not JsonObject parsed)
            {
                errors.Add("body", "must be a JSON object");
                return null;
            }

            request = parsed;
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON: {ex.Message}");
            return null;
        }

        var model = CheckModel(request, errors);
        if (endpoint == OllamaEndpoint.Chat)
        {
            CheckMessages(request, errors);
            CheckOptionalKind(request, "tools", JsonValueKind.Array, errors);
        }
        else
        {
            CheckPrompt(request, errors);
        }

        CheckThink(request, errors);
        if (request["stream"] is { } stream && stream.GetValueKind() != JsonValueKind.True)
        {
            errors.Add("stream", "must be true or absent: this endpoint always streams");
        }

        var options = GenerationOptions.Build(request, limits, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        foreach (var alias in GenerationOptions.Aliases.Keys)
        {
            request.Remove(alias);
        }

        request["stream"] = true;
        request["options"] = options;
        return new UpstreamRequest(endpoint, model!, Serialize(request));
    }

    private static string? CheckModel(JsonObject request, FieldErrors errors)
    {
        var model = request["model"];
        if (model is null)
        {
            errors.Add("model", "is required");
            return null;
        }

        if (model.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(model.GetValue<string>()))
        {
            errors.Add("model", $"must be a non-empty string; got {GenerationOptions.Describe(model)}");
            return null;
        }

        return model.GetValue<string>();
    }

    private static void CheckMessages(JsonObject request, FieldErrors errors)
    {
        switch (request["messages"])
        {
            case null:
                errors.Add("messages", "is required");
                return;
            case JsonArray { Count: 0 }:
                errors.Add("messages", "must not be empty");
                return;
            case JsonArray messages:
                for (var i = 0; i < messages.Count; i++)
                {
                    CheckMessage(messages[i], $"messages[{i}]", errors);
                }

                return;
            case var other:
                errors.Add("messages", $"must be an array; got {GenerationOptions.Describe(other)}");
                return;
        }
    }

    private static void CheckMessage(JsonNode? node, string path, FieldErrors errors)
    {
        if (node is not JsonObject message)
        {
            errors.Add(path, $"must be an object; got {GenerationOptions.Describe(node)}");
            return;
        }

        var role = message["role"];
        if (role is null)
        {
            errors.Add(path + ".role", "is required");
        }
        else if (role.GetValueKind() != JsonValueKind.String || !Roles.Contains(role.GetValue<string>().ToLowerInvariant()))
        {
            errors.Add(path + ".role", $"must be one of {string.Join(", ", Roles)}; got {Quote(role)}");
        }

        if (message["content"] is { } content && content.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(path + ".content", $"must be a string; got {GenerationOptions.Describe(content)}");
        }
    }

    private static void CheckPrompt(JsonObject request, FieldErrors errors)
    {
        var prompt = request["prompt"];
        if (prompt is null)
        {
            errors.Add("prompt", "is required");
        }
        else if (prompt.GetValueKind() != JsonValueKind.String || prompt.GetValue<string>().Length == 0)
        {
            // An empty prompt makes Ollama load the model and answer one non-streamed object: not a stream to relay.
            errors.Add("prompt", $"must be a non-empty string; got {Quote(prompt)}");
        }
    }

    private static void CheckThink(JsonObject request, FieldErrors errors)
    {
        var think = request["think"];
        if (think is null)
        {
            return;
        }

        var kind = think.GetValueKind();
        var valid = kind is JsonValueKind.True or JsonValueKind.False
            || (kind == JsonValueKind.String && ThinkLevels.Contains(think.GetValue<string>()));
        if (!valid)
        {
            errors.Add("think", $"must be true, false or one of {string.Join(", ", ThinkLevels)}; got {Quote(think)}");
        }
    }

    private static void CheckOptionalKind(JsonObject request, string field, JsonValueKind kind, FieldErrors errors)
    {
        if (request[field] is { } value && value.GetValueKind() != kind)
        {
            errors.Add(field, $"must be an array; got {GenerationOptions.Describe(value)}");
        }
    }

    private static string Quote(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? $"'{node.GetValue<string>()}'" : GenerationOptions.Describe(node);

    private static byte[] Serialize(JsonObject request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder }))
        {
            request.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
