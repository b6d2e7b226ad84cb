using StreamingHarness.FakeOllama.Generation;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// An OpenAI chat body's message contents, strings and arrays of parts alike, as slices of the body itself (#26): a
/// 27 MiB text part is held once, never again as a <c>JsonElement</c> copy, a UTF-16 string or a joined string. Read
/// it once the body has been read with <see cref="UnreadRequestTypes.ChatCompletion"/>; check <see cref="ImageUrls"/>
/// before taking the <see cref="Prompt"/>, which rewrites the body in place.
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

    /// <summary>Each <c>image_url</c> part's URL, in message order, its escapes undone in place as it is reached.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> ImageUrls() =>
        _messages.SelectMany(m => m?.Content?.ImageUrls ?? []).Select(url => BodyPrompt.Utf8(_json, _start, url));

    /// <summary>
    /// The last user message's content (else the last message's): a string, or the text of its text parts joined by
    /// <c>\n</c>, in place (<see cref="BodyTextJoin"/>: the JSON between two texts is longer than the separator).
    /// </summary>
    public PromptText Prompt()
    {
        // A null message is Go's zero message: no role, no content.
        var message = _messages.LastOrDefault(m => string.Equals(m?.Role, "user", StringComparison.OrdinalIgnoreCase))
            ?? _messages.LastOrDefault();
        if (message?.Content?.Texts is not { Count: > 0 } texts)
        {
            return PromptText.Empty;
        }

        var joined = BodyTextJoin.InPlace(texts.Select(range => BodyPrompt.Utf8(_json, _start, range)), (byte)'\n');
        return joined.IsEmpty ? PromptText.Empty : PromptText.FromUtf8(joined);
    }
}
