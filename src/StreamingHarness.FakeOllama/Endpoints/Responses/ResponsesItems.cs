using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>The output items and parts Ollama's Responses layer writes (<c>openai/responses.go</c>), in its key order.</summary>
internal static class ResponsesItems
{
    public static JsonObject TextPart(string text) => new()
    {
        ["type"] = "output_text",
        ["text"] = text,
        ["annotations"] = new JsonArray(),
        ["logprobs"] = new JsonArray(),
    };

    public static JsonObject Message(string id, string status, string? text) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(TextPart(text)),
    };

    /// <summary>The reasoning item: Ollama sends the thinking both as the summary and as "encrypted" content.</summary>
    public static JsonObject Reasoning(string id, string? thinking) => thinking is null
        ? new JsonObject { ["id"] = id, ["type"] = "reasoning", ["summary"] = new JsonArray() }
        : new JsonObject
        {
            ["id"] = id,
            ["type"] = "reasoning",
            ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = thinking }),
            ["encrypted_content"] = thinking,
        };

    public static JsonObject FunctionCall(string id, string status, string callId, string name, string arguments) => new()
    {
        ["id"] = id,
        ["type"] = "function_call",
        ["status"] = status,
        ["call_id"] = callId,
        ["name"] = name,
        ["arguments"] = arguments,
    };
}
