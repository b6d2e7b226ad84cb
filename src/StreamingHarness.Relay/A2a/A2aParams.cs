using System.Text;
using System.Text.Json;
using StreamingHarness.Protocol.A2a;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The <c>params</c> the agent's methods read, each a precise <c>-32602</c> when missing or of the wrong type:
/// a message's text parts, model (<c>message.metadata.model</c>, else <c>params.metadata.model</c>) and context,
/// and a task's <c>id</c>.
/// </summary>
internal static class A2aParams
{
    public static (string Prompt, string? Model, string? ContextId) Message(A2aRpcRequest request)
    {
        try
        {
            if (request.Params.ValueKind != JsonValueKind.Object
                || !request.Params.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(request, "'params.message' must be an object");
            }

            if (!message.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(request, "'params.message.parts' must be an array");
            }

            var prompt = new StringBuilder();
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object
                    && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    prompt.Append(prompt.Length > 0 ? "\n" : "").Append(text.GetString());
                }
            }

            if (prompt.Length == 0)
            {
                throw Invalid(request, "'params.message.parts' has no non-empty text part (this agent reads text only)");
            }

            var model = Model(request, message) ?? Model(request, request.Params);
            var contextId = OptionalString(request, message, "contextId", "params.message.contextId");
            return (prompt.ToString(), model, contextId);
        }
        catch (InvalidOperationException)
        {
            // GetString on a string that is not valid UTF-8.
            throw Invalid(request, "a string is not valid UTF-8");
        }
    }

    public static string TaskId(A2aRpcRequest request)
    {
        try
        {
            return TaskIdOf(request);
        }
        catch (InvalidOperationException)
        {
            throw Invalid(request, "'params.id' is not valid UTF-8");
        }
    }

    private static string TaskIdOf(A2aRpcRequest request)
    {
        if (request.Params.ValueKind != JsonValueKind.Object
            || !request.Params.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || id.GetString() is not { Length: > 0 } text)
        {
            throw Invalid(request, "'params.id' must be a task id (a non-empty string)");
        }

        return text;
    }

    private static string? Model(A2aRpcRequest request, JsonElement owner)
    {
        if (!owner.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(request, "'metadata' must be an object");
        }

        var model = OptionalString(request, metadata, "model", "metadata.model");
        return model is { Length: 0 } ? throw Invalid(request, "'metadata.model' must not be empty") : model;
    }

    private static string? OptionalString(A2aRpcRequest request, JsonElement owner, string name, string path) =>
        !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Invalid(request, $"'{path}' must be a string, got {value.ValueKind}");

    private static A2aRpcException Invalid(A2aRpcRequest request, string reason) =>
        new(A2aErrorCodes.InvalidParams, "Invalid params: " + reason, request.IdJson);
}
