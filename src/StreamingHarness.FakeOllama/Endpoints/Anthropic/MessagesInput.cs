using System.Text;
using System.Text.Json;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Responses;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Anthropic;

namespace StreamingHarness.FakeOllama.Endpoints.Anthropic;

/// <summary>
/// What the fake reads from a Messages request, with Ollama's refusals (<c>anthropic/anthropic.go</c>): the last user
/// message's text (its text blocks joined as Ollama joins them), and the input-token estimate Ollama puts in
/// <c>message_start</c> (<c>EstimateInputTokens</c>: a quarter of the bytes of the system prompt, the roles, the text and
/// the tools, at least 1). <c>system</c> and the contents are read where they lie in the body (#26): a 27 MiB message is
/// held once.
/// </summary>
internal sealed class MessagesInput
{
    private readonly MessagesRequest _request;
    private readonly BodyElement _system;
    private readonly BodyElement[] _contents;

    private MessagesInput(MessagesRequest request, ReadOnlyMemory<byte> json)
    {
        _request = request;
        var fields = BodyPrompt.Locate(json, BodyTextJsonContext.Default.MessagesContentFields, out var start);
        _system = fields is null ? default : BodyElement.At(json, start, fields.System);
        _contents = [.. (fields?.Messages ?? []).Select(m => m is null ? default : BodyElement.At(json, start, m.Content))];
    }

    /// <summary>
    /// The body and what the fake reads of it, or the body's error (<see cref="RequestBody"/>'s) or the middleware's
    /// refusal.
    /// </summary>
    public static async Task<(MessagesRequest? Body, MessagesInput? Input, string? Error)> ReadAsync(FakeRequest request)
    {
        var (body, error, json) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.Messages).ConfigureAwait(false);
        if (body is null)
        {
            return (null, null, error);
        }

        var input = new MessagesInput(body, json);
        return (input.ContentError() ?? input.Error()) is { } refused ? (null, null, refused) : (body, input, null);
    }

    /// <summary>What Go's decoder says of a message content that is neither a string nor an array.</summary>
    private string? ContentError() =>
        _contents.Select(c => c.ValueKind).FirstOrDefault(k => k is JsonValueKind.Object or JsonValueKind.Number or JsonValueKind.True
            or JsonValueKind.False) is var kind and not JsonValueKind.Undefined
            ? $"json: cannot unmarshal {ResponsesInput.GoKind(kind)} into Go value of type []anthropic.ContentBlock"
            : null;

    /// <summary>The middleware's checks, in its order; null when the request may go on.</summary>
    private string? Error()
    {
        if (string.IsNullOrEmpty(_request.Model))
        {
            return "model is required";
        }

        if (_request.MaxTokens <= 0)
        {
            return "max_tokens is required and must be positive";
        }

        if (_request.Messages is not { Count: > 0 })
        {
            return "messages is required";
        }

        return _contents.SelectMany(Blocks).Select(BlockError).FirstOrDefault(e => e is not null);
    }

    /// <summary>The last user message's text, taken from the body in place: call it once, after every other read.</summary>
    public PromptText TakePrompt()
    {
        var last = _request.Messages?.ToList().FindLastIndex(m => string.Equals(m?.Role, "user", StringComparison.OrdinalIgnoreCase))
            ?? -1;
        if (last < 0)
        {
            return PromptText.Empty;
        }

        var content = _contents[last];
        IReadOnlyList<BodyElement> text = content.ValueKind == JsonValueKind.String
            ? [content]
            : [.. Blocks(content).Where(b => Str(b, "type") == "text").Select(b => StringProperty(b, "text"))
                .Where(t => t.ValueKind == JsonValueKind.String)];
        return BodyTextJoin.InPlace(text) is { IsEmpty: false } utf8 ? PromptText.FromUtf8(utf8) : PromptText.Empty;
    }

    public int EstimateTokens()
    {
        var bytes = Count(_system);
        for (var i = 0; i < _contents.Length; i++)
        {
            var content = _contents[i].ValueKind == JsonValueKind.String ? _contents[i].TextLength : Blocks(_contents[i]).Sum(CountBlock);
            bytes += Encoding.UTF8.GetByteCount(_request.Messages![i]?.Role ?? "") + content;
        }

        foreach (var tool in _request.Tools ?? [])
        {
            bytes += Encoding.UTF8.GetByteCount(tool?.Name ?? "") + Encoding.UTF8.GetByteCount(tool?.Description ?? "")
                + (tool?.InputSchema is { } schema ? Encoding.UTF8.GetByteCount(schema.GetRawText()) : 0);
        }

        var tokens = bytes / 4;
        return tokens == 0 && (_request.Messages is { Count: > 0 } || _request.System is not null) ? 1 : tokens;
    }

    /// <summary>The blocks of an array content (a string content is one text block).</summary>
    private static IEnumerable<BodyElement> Blocks(BodyElement content) => content.ValueKind == JsonValueKind.Array
        ? content.Items().Where(b => b.ValueKind == JsonValueKind.Object)
        : [];

    private static string? BlockError(BodyElement block) => Str(block, "type") switch
    {
        "tool_use" when Str(block, "id") == "" => "tool_use block missing required 'id' field",
        "tool_use" when Str(block, "name") == "" => "tool_use block missing required 'name' field",
        "image" when !block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object => "invalid image source",
        "image" when block.TryGetProperty("source", out var source) && Str(source, "type") is not "base64" and var type =>
            $"invalid image source type: {type}. Only base64 images are supported.",
        _ => null,
    };

    private static int Count(BodyElement system) => system.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => 0,
        JsonValueKind.String => system.TextLength,
        JsonValueKind.Array => Blocks(system).Sum(CountBlock),
        _ => system.RawLength,
    };

    private static int CountBlock(BodyElement block) =>
        TextLength(StringProperty(block, "text")) + TextLength(StringProperty(block, "thinking"))
        + (Str(block, "type") is "tool_use" or "tool_result" ? block.RawLength : 0);

    private static int TextLength(BodyElement text) => text.ValueKind == JsonValueKind.String ? text.TextLength : 0;

    /// <summary>The property when it is a string, else absent.</summary>
    private static BodyElement StringProperty(BodyElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value
            : default;

    private static string Str(BodyElement obj, string name) =>
        StringProperty(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : "";
}
