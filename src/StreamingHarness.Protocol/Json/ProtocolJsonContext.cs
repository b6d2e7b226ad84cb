using System.Text.Json.Serialization;
using System.Text.Json.Nodes;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Anthropic;
using StreamingHarness.Protocol.Operations;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Responses;

namespace StreamingHarness.Protocol.Json;

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    WriteIndented = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(GenerateResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(TagsResponse))]
[JsonSerializable(typeof(PsResponse))]
[JsonSerializable(typeof(ShowRequest))]
[JsonSerializable(typeof(ShowResponse))]
[JsonSerializable(typeof(StreamingHarness.Protocol.Native.EmbedRequest))]
[JsonSerializable(typeof(EmbedResponse))]
[JsonSerializable(typeof(EmbeddingsRequest))]
[JsonSerializable(typeof(EmbeddingsResponse))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(ModelTransferRequest))]
[JsonSerializable(typeof(CopyRequest))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionChunk))]
[JsonSerializable(typeof(TextCompletion))]
[JsonSerializable(typeof(StreamingHarness.Protocol.OpenAi.EmbedRequest), TypeInfoPropertyName = "OpenAiEmbedRequest")]
[JsonSerializable(typeof(OpenAiModel))]
[JsonSerializable(typeof(RelayStartEvent))]
[JsonSerializable(typeof(RelayTokenEvent))]
[JsonSerializable(typeof(RelayToolCallEvent))]
[JsonSerializable(typeof(RelayDoneEvent))]
[JsonSerializable(typeof(RelayErrorEvent))]
[JsonSerializable(typeof(ProcessStats))]
[JsonSerializable(typeof(A2aJsonRpcRequest))]
[JsonSerializable(typeof(A2aStreamEnvelope))]
[JsonSerializable(typeof(A2aStreamResponse))]
[JsonSerializable(typeof(A2aTask))]
[JsonSerializable(typeof(A2aTaskStatusUpdateEvent))]
[JsonSerializable(typeof(A2aJsonRpcError))]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponsesTextDelta))]
[JsonSerializable(typeof(ResponsesReasoningDelta))]
[JsonSerializable(typeof(AnthropicErrorResponse))]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
