using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>
/// The one reader of Ollama's native tool calls, for the client's events and the relay's <c>tool_call</c> events.
/// Ollama sends each call whole: <c>{"id","function":{"index","name","arguments":{…}}}</c>. Older servers send no
/// <c>id</c>; then the call's id is <c>call_N</c>, N counting the stream's calls from 0 (<see cref="FallbackId"/>), so
/// the same stream gets the same ids through the client and through the relay. Tool calls are rare: a JsonDocument
/// is fine here.
/// </summary>
public static class NativeToolCallReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}"u8.ToArray()).RootElement.Clone();

    /// <summary>The id of the stream's call number <paramref name="ordinal"/> (from 0) when the server gave none.</summary>
    public static string FallbackId(int ordinal) => $"call_{ordinal}";

    /// <summary>
    /// The calls in a <c>tool_calls</c> array; <paramref name="callsBefore"/> is how many calls the stream had before
    /// this chunk (for the fallback ids). Anything that is not an array reads as no calls.
    /// </summary>
    public static IReadOnlyList<NativeToolCall> Read(ReadOnlySpan<byte> toolCallsJson, int callsBefore)
    {
        var reader = new Utf8JsonReader(toolCallsJson);
        using var calls = JsonDocument.ParseValue(ref reader);
        if (calls.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var read = new List<NativeToolCall>(calls.RootElement.GetArrayLength());
        foreach (var call in calls.RootElement.EnumerateArray())
        {
            var function = Property(call, "function", JsonValueKind.Object);
            var arguments = Property(function, "arguments", JsonValueKind.Object);
            read.Add(new NativeToolCall(
                Property(call, "id", JsonValueKind.String)?.GetString() ?? FallbackId(callsBefore + read.Count),
                Property(function, "name", JsonValueKind.String)?.GetString() ?? "",
                arguments?.Clone() ?? EmptyObject));
        }

        return read;
    }

    private static JsonElement? Property(JsonElement? element, string name, JsonValueKind kind) =>
        element is { ValueKind: JsonValueKind.Object } parent && parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : null;
}
