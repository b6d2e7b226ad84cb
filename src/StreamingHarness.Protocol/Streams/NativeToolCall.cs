using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// One call of a native chunk's <c>tool_calls</c>, as <see cref="NativeToolCallReader"/> reads it: its id (the
/// fallback one when Ollama gave none), the function's name (empty when missing) and its arguments, always a JSON
/// object (empty when missing or not an object), independent of the line it came from.
/// </summary>
public readonly record struct NativeToolCall(string Id, string Name, JsonElement Arguments);
