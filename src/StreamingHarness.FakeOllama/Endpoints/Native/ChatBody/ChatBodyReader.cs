using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Endpoints.Native.ChatBody;

/// <summary>
/// Reads a <c>POST /api/chat</c> body without a second copy of its messages: <see cref="RequestType"/> reads every
/// field of <see cref="ChatRequest"/> (with Ollama's errors) but leaves each message's content in the body, and
/// <see cref="Prompt"/> takes the last user message's content as the body's own UTF-8 bytes. A 27 MiB message is then
/// held once, not again as a 54 MiB UTF-16 string (#26). The fake needs no other message's text.
/// </summary>
internal static class ChatBodyReader
{
    public static JsonTypeInfo<ChatRequest> RequestType { get; } = CreateRequestType();

    /// <summary>
    /// The last user message's content (else the last message's), as Ollama's chat handler picks the prompt: a slice of
    /// <paramref name="json"/>, its escapes undone in place. Go decodes a null message or content as "".
    /// Call it once, on a body <see cref="RequestType"/> has read (so the types are known to be right): it rewrites the
    /// message in place.
    /// </summary>
    public static PromptText Prompt(ReadOnlyMemory<byte> json)
    {
        // Read from the value's first byte, so that the offsets the converter takes are offsets from there.
        var start = FirstValueStart(json.Span);
        var reader = new Utf8JsonReader(json.Span[start..], new JsonReaderOptions { AllowMultipleValues = true });
        var messages = JsonSerializer.Deserialize(ref reader, ChatBodyJsonContext.Default.PromptMessages)?.Messages;
        if (messages is not { Count: > 0 })
        {
            return PromptText.Empty;
        }

        var last = messages.LastOrDefault(m => string.Equals(m?.Role, "user", StringComparison.OrdinalIgnoreCase)) ?? messages[^1];
        if (last?.Content is not { Length: > 0 } content)
        {
            return PromptText.Empty;
        }

        var text = json.Slice(start + content.Start, content.Length);
        if (!content.IsEscaped)
        {
            return PromptText.FromUtf8(text);
        }

        // The body is this request's own array, and nothing reads the message's escaped form after this.
        var writable = MemoryMarshal.AsMemory(text);
        return PromptText.FromUtf8(writable[..JsonUnescaper.InPlace(writable.Span)]);
    }

    /// <summary>Where the body's first JSON value begins (the reader's offsets count from there).</summary>
    private static int FirstValueStart(ReadOnlySpan<byte> json) =>
        json.IndexOfAnyExcept(" \t\r\n"u8) is var start and >= 0 ? start : json.Length;

    private static JsonTypeInfo<ChatRequest> CreateRequestType()
    {
        var options = new JsonSerializerOptions(ProtocolJson.Options)
        {
            TypeInfoResolver = ProtocolJsonContext.Default.WithAddedModifier(LeaveMessageContentUnread),
        };
        return (JsonTypeInfo<ChatRequest>)options.GetTypeInfo(typeof(ChatRequest));
    }

    private static void LeaveMessageContentUnread(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(ChatMessage))
        {
            typeInfo.Properties.Single(p => p.Name == "content").CustomConverter = UnreadStringConverter.Instance;
        }
    }
}
