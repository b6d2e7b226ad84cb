using StreamingHarness.FakeOllama.Endpoints.OpenAi;
using StreamingHarness.FakeOllama.Generation;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// An OpenAI chat body's message contents, strings and arrays of parts alike, as slices of the body itself (#26): a
/// 27 MiB text part is held once, never again as a <c>JsonElement</c> copy or a UTF-16 string. Read it once the body has
/// been read with <see cref="UnreadRequestTypes.ChatCompletion"/>; check <see cref="Error"/> before taking the
/// <see cref="Prompt"/>. Both follow Ollama's middleware (<c>openai/openai.go:549-638</c> FromChatRequest at
/// v0.33.0-rc2), which turns each message into native messages: one for string content, one for each part of an array
/// (an image's or an audio's with no content), one with no content for absent or null content beside tool calls.
/// </summary>
internal sealed class OpenAiContents
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly int _start;
    private readonly IList<ContentPartMessage?> _messages;

    private OpenAiContents(ReadOnlyMemory<byte> json, int start, IList<ContentPartMessage?> messages)
    {
        _json = json;
        _start = start;
        _messages = messages;
    }

    public static OpenAiContents Read(ReadOnlyMemory<byte> json)
    {
        var messages = BodyPrompt.Locate(json, BodyTextJsonContext.Default.ContentPartMessages, out var start)?.Messages;
        return new OpenAiContents(json, start, messages ?? []);
    }

    /// <summary>
    /// The middleware's first error, meeting messages and their parts in order (<c>openai/openai.go:559-638</c>), or null.
    /// Image URLs and audio data have their escapes undone in place as they are checked.
    /// </summary>
    public string? Error()
    {
        foreach (var message in _messages)
        {
            // A null message is Go's zero message: no content, no tool calls.
            if (message?.Content is not { OtherGoType: null } content)
            {
                if (!HasToolCalls(message))
                {
                    return $"invalid message content type: {message?.Content?.OtherGoType ?? "<nil>"}";
                }

                continue;
            }

            foreach (var part in content.Parts)
            {
                if (PartError(part) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The prompt as the fake takes it from native messages (the last user message's content, else the last message's),
    /// from the native messages the middleware makes: the last text part of an array, or none when a part without text
    /// comes after it; an array with no parts makes no message. Its escapes are undone in place.
    /// </summary>
    public PromptText Prompt()
    {
        JsonStringRange? last = null;
        JsonStringRange? lastUser = null;
        foreach (var message in _messages)
        {
            var isUser = string.Equals(message?.Role, "user", StringComparison.OrdinalIgnoreCase);
            foreach (var text in NativeContents(message))
            {
                last = text;
                lastUser = isUser ? text : lastUser;
            }
        }

        return (lastUser ?? last) is { Length: > 0 } range
            ? PromptText.FromUtf8(BodyPrompt.Utf8(_json, _start, range))
            : PromptText.Empty;
    }

    /// <summary>The content of each native message the middleware makes of <paramref name="message"/> (default for none).</summary>
    private static IEnumerable<JsonStringRange> NativeContents(ContentPartMessage? message)
    {
        if (message?.Content is not { OtherGoType: null } content)
        {
            return [default];
        }

        return content.Parts.Select(part => part.Kind == ContentPartKind.Text ? part.Value : default);
    }

    private string? PartError(ContentPart part) => part.Kind switch
    {
        ContentPartKind.Invalid => part.Error,
        ContentPartKind.ImageUrl => ImageUrls.Error(BodyPrompt.Utf8(_json, _start, part.Value).Span),
        ContentPartKind.InputAudio => GoBase64.Error(BodyPrompt.Utf8(_json, _start, part.Value).Span) is { } error
            ? $"invalid input_audio base64 data: {error}"
            : null,
        _ => null,
    };

    /// <summary>Go's <c>msg.ToolCalls != nil</c>: <c>tool_calls</c> is an array, even an empty one.</summary>
    private bool HasToolCalls(ContentPartMessage? message) =>
        message is { ToolCalls.Length: > 0 } && _json.Span[_start + message.ToolCalls.Start] == (byte)'[';
}
