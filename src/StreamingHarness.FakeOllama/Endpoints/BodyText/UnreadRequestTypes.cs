using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.OpenAi;
using EmbedRequest = StreamingHarness.Protocol.Native.EmbedRequest;
using OpenAiEmbedRequest = StreamingHarness.Protocol.OpenAi.EmbedRequest;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// The request types of the endpoints that take a prompt, read with every field and every one of Ollama's errors, but
/// with the prompt's text left in the body (#26): a chat message's content, generate's and completions' prompt, the
/// embedding endpoints' input and prompt. Those strings read as "" (an OpenAI message's as the element <c>""</c>, an
/// embedding input as <see cref="UnreadInputConverter"/> says); <see cref="BodyPrompt"/> and <see cref="BodyInputs"/>
/// then take the text as the body's own UTF-8 bytes, so a 27 MiB prompt is held once and never again as a 54 MiB UTF-16
/// string.
/// </summary>
internal static class UnreadRequestTypes
{
    private static readonly JsonSerializerOptions Options = new(ProtocolJson.Options)
    {
        TypeInfoResolver = ProtocolJsonContext.Default.WithAddedModifier(LeavePromptsUnread),
    };

    public static JsonTypeInfo<ChatRequest> Chat { get; } = Get<ChatRequest>();

    public static JsonTypeInfo<GenerateRequest> Generate { get; } = Get<GenerateRequest>();

    public static JsonTypeInfo<CompletionRequest> Completion { get; } = Get<CompletionRequest>();

    public static JsonTypeInfo<ChatCompletionRequest> ChatCompletion { get; } = Get<ChatCompletionRequest>();

    public static JsonTypeInfo<EmbedRequest> Embed { get; } = Get<EmbedRequest>();

    public static JsonTypeInfo<EmbeddingsRequest> Embeddings { get; } = Get<EmbeddingsRequest>();

    public static JsonTypeInfo<OpenAiEmbedRequest> OpenAiEmbed { get; } = Get<OpenAiEmbedRequest>();

    private static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void LeavePromptsUnread(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(ChatMessage) || typeInfo.Type == typeof(OpenAiMessage))
        {
            Unread(typeInfo, "content");
        }
        else if (typeInfo.Type == typeof(GenerateRequest) || typeInfo.Type == typeof(CompletionRequest)
            || typeInfo.Type == typeof(EmbeddingsRequest))
        {
            Unread(typeInfo, "prompt");
        }
        else if (typeInfo.Type == typeof(EmbedRequest) || typeInfo.Type == typeof(OpenAiEmbedRequest))
        {
            typeInfo.Properties.Single(p => p.Name == "input").CustomConverter = UnreadInputConverter.Instance;
        }
    }

    private static void Unread(JsonTypeInfo typeInfo, string name)
    {
        var property = typeInfo.Properties.Single(p => p.Name == name);
        property.CustomConverter = property.PropertyType == typeof(string)
            ? UnreadStringConverter.Instance
            : UnreadStringElementConverter.Instance;
    }
}
