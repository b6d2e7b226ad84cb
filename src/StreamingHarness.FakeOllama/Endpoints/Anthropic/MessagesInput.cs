using System.Text;
using System.Text.Json;
using StreamingHarness.Protocol.Anthropic;

namespace StreamingHarness.FakeOllama.Endpoints.Anthropic;

/// <summary>
/// What the fake reads from a Messages request, with Ollama's refusals (<c>anthropic/anthropic.go</c>): the last user
/// message's text (its text blocks joined as Ollama joins them), and the input-token estimate Ollama puts in
/// <c>message_start</c> (<c>EstimateInputTokens</c>: a quarter of the bytes of the system prompt, the roles, the text and
/// the tools, at least 1).
/// </summary>
internal static class MessagesInput
{
    /// <summary>The middleware's checks, in its order; null when the request may go on.</summary>
    public static string? Error(MessagesRequest request)
    {
        if (string.IsNullOrEmpty(request.Model))
        {
            return "model is required";
        }

        if (request.MaxTokens <= 0)
        {
            return "max_tokens is required and must be positive";
        }

        if (request.Messages is not { Count: > 0 } messages)
        {
            return "messages is required";
        }

        foreach (var message in messages)
        {
            foreach (var block in Blocks(message))
            {
                if (BlockError(block) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    public static string Prompt(MessagesRequest request)
    {
        var last = request.Messages?.LastOrDefault(m => string.Equals(m?.Role, "user", StringComparison.OrdinalIgnoreCase));
        return Text(last);
    }

    public static int EstimateTokens(MessagesRequest request)
    {
        var bytes = Count(request.System);
        foreach (var message in request.Messages ?? [])
        {
            var content = message?.Content?.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetByteCount(Text(message))
                : Blocks(message).Sum(CountBlock);
            bytes += Encoding.UTF8.GetByteCount(message?.Role ?? "") + content;
        }

        foreach (var tool in request.Tools ?? [])
        {
            bytes += Encoding.UTF8.GetByteCount(tool?.Name ?? "") + Encoding.UTF8.GetByteCount(tool?.Description ?? "")
                + (tool?.InputSchema is { } schema ? Encoding.UTF8.GetByteCount(schema.GetRawText()) : 0);
        }

        var tokens = bytes / 4;
        return tokens == 0 && (request.Messages is { Count: > 0 } || request.System is not null) ? 1 : tokens;
    }

    /// <summary>The blocks of an array content (a string content is one text block: see <see cref="Text"/>).</summary>
    private static IEnumerable<JsonElement> Blocks(MessageParam? message) => message?.Content is { ValueKind: JsonValueKind.Array } array
        ? array.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object)
        : [];

    /// <summary>A message's text: a string content, or its text blocks joined as Ollama joins them.</summary>
    private static string Text(MessageParam? message) => message?.Content is { ValueKind: JsonValueKind.String } text
        ? text.GetString()!
        : string.Concat(Blocks(message).Select(b => Str(b, "type") == "text" ? Str(b, "text") : ""));

    private static string? BlockError(JsonElement block) => Str(block, "type") switch
    {
        "tool_use" when Str(block, "id") == "" => "tool_use block missing required 'id' field",
        "tool_use" when Str(block, "name") == "" => "tool_use block missing required 'name' field",
        "image" when !block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object => "invalid image source",
        "image" when Str(block.GetProperty("source"), "type") is not "base64" and var type =>
            $"invalid image source type: {type}. Only base64 images are supported.",
        _ => null,
    };

    private static int Count(JsonElement? system) => system?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => 0,
        JsonValueKind.String => Encoding.UTF8.GetByteCount(system.Value.GetString()!),
        JsonValueKind.Array => system.Value.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object).Sum(CountBlock),
        _ => Encoding.UTF8.GetByteCount(system.Value.GetRawText()),
    };

    private static int CountBlock(JsonElement block) =>
        Encoding.UTF8.GetByteCount(Str(block, "text")) + Encoding.UTF8.GetByteCount(Str(block, "thinking"))
        + (Str(block, "type") is "tool_use" or "tool_result" ? Encoding.UTF8.GetByteCount(block.GetRawText()) : 0);

    private static string Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
