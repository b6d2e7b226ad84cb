using System.Text.Json.Nodes;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>A tool call the model "decides" to make; sent whole in one chunk, as Ollama does.</summary>
public sealed class ToolCallSpec
{
    public required string Name { get; init; }

    /// <summary>A JSON object (native API) that the OpenAI layer sends as a string.</summary>
    public JsonObject Arguments { get; init; } = [];

    /// <summary>The native form, as every native writer sends it.</summary>
    internal Protocol.Native.ToolCall ToNative(int index, string? id) =>
        new() { Id = id, Function = new Protocol.Native.ToolCallFunction { Index = index, Name = Name, Arguments = Arguments } };
}
