using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.Relay;

/// <summary><c>event: start</c>; <c>created</c> is ISO 8601.</summary>
public sealed record RelayStartEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("created")] string Created);

/// <summary><c>event: token</c>; <c>thinking</c> only when the model thought.</summary>
public sealed record RelayTokenEvent(
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("thinking"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Thinking = null);

/// <summary><c>event: tool_call</c>; <c>arguments</c> is an object, as in Ollama's native API.</summary>
public sealed record RelayToolCallEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] JsonObject Arguments);

/// <summary><c>event: done</c>: the one success terminal event.</summary>
public sealed record RelayDoneEvent(
    [property: JsonPropertyName("done_reason")] string DoneReason,
    [property: JsonPropertyName("usage")] RelayUsage Usage,
    [property: JsonPropertyName("ttft_ms")] double TtftMs,
    [property: JsonPropertyName("total_ms")] double TotalMs);

public sealed record RelayUsage(
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens);

/// <summary><c>event: error</c>: the one failure terminal event. <c>code</c> is one of <see cref="RelayErrorCodes"/>.</summary>
public sealed record RelayErrorEvent(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("retryable")] bool Retryable);
