using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Generation;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// The prompt of a body that <see cref="UnreadRequestTypes"/> has read, as a slice of the body itself, its escapes
/// undone in place. Call one of these once per body, after that read (so the types are known to be right): it rewrites
/// the prompt's bytes in place, and nothing reads their escaped form after.
/// </summary>
internal static class BodyPrompt
{
    /// <summary>
    /// The last user message's content (else the last message's), as Ollama's chat handler and its OpenAI middleware
    /// pick the prompt. Go decodes a null message or content as ""; content that is not a string is "" here too.
    /// </summary>
    public static PromptText OfMessages(ReadOnlyMemory<byte> json)
    {
        var messages = Locate(json, BodyTextJsonContext.Default.PromptMessages, out var start)?.Messages;
        if (messages is not { Count: > 0 })
        {
            return PromptText.Empty;
        }

        var last = messages.LastOrDefault(m => string.Equals(m?.Role, "user", StringComparison.OrdinalIgnoreCase)) ?? messages[^1];
        return Text(json, start, last?.Content ?? default);
    }

    /// <summary>The body's <c>prompt</c> field (generate, completions); null reads as "".</summary>
    public static PromptText OfPromptField(ReadOnlyMemory<byte> json) =>
        Locate(json, BodyTextJsonContext.Default.PromptField, out var start) is { } field
            ? Text(json, start, field.Prompt)
            : PromptText.Empty;

    internal static T? Locate<T>(ReadOnlyMemory<byte> json, JsonTypeInfo<T> typeInfo, out int start)
    {
        // Read from the value's first byte, so that the offsets the converter takes are offsets from there.
        start = json.Span.IndexOfAnyExcept(" \t\r\n"u8) is var first and >= 0 ? first : json.Length;
        var reader = new Utf8JsonReader(json.Span[start..], new JsonReaderOptions { AllowMultipleValues = true });
        return JsonSerializer.Deserialize(ref reader, typeInfo);
    }

    private static PromptText Text(ReadOnlyMemory<byte> json, int start, JsonStringRange range) =>
        range.Length == 0 ? PromptText.Empty : PromptText.FromUtf8(Utf8(json, start, range));

    /// <summary>The string at <paramref name="range"/> (offsets from <paramref name="start"/>), its escapes undone in place.</summary>
    internal static ReadOnlyMemory<byte> Utf8(ReadOnlyMemory<byte> json, int start, JsonStringRange range)
    {
        var text = json.Slice(start + range.Start, range.Length);
        if (!range.IsEscaped)
        {
            return text;
        }

        // The body is this request's own array, and nothing reads the string's escaped form after this.
        var writable = MemoryMarshal.AsMemory(text);
        return writable[..JsonUnescaper.InPlace(writable.Span)];
    }
}
