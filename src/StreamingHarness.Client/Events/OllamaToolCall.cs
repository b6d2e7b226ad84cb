using System.Text.Json;

namespace StreamingHarness.Client.Events;

/// <summary>A tool call as Ollama sent it: its id (generated when Ollama gave none), the function's name and arguments.</summary>
public sealed record OllamaToolCall(string Id, string Name, IReadOnlyDictionary<string, JsonElement> Arguments);
