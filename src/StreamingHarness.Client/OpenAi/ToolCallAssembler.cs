using System.Buffers;
using System.Text;
using System.Text.Json;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// OpenAI streams a tool call in fragments (the id and name first, then <c>arguments</c> a piece of a JSON string at a
/// time, keyed by <c>index</c>); Ollama sends each call whole, with <c>arguments</c> as an object. This collects the
/// fragments and writes the calls as Ollama's <c>tool_calls</c> array. Tool calls are rare, so plain objects are fine.
/// </summary>
internal sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, Call> _calls = [];
    private readonly ArrayBufferWriter<byte> _json = new(256);

    public bool HasCalls => _calls.Count > 0;

    public void AddId(int index, string id) => Get(index).Id = id;

    public void AddName(int index, string name) => Get(index).Name.Append(name);

    public void AddArguments(int index, ReadOnlySpan<byte> utf8) => Get(index).Arguments.Write(utf8);

    /// <summary>
    /// Writes the calls collected so far as Ollama's array and forgets them. Null with <paramref name="problem"/> when
    /// a call's arguments are not one JSON object (a stream cut inside them, or a broken upstream).
    /// </summary>
    public ReadOnlyMemory<byte>? Take(out string? problem)
    {
        problem = null;
        _json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_json, ProtocolJson.WriterOptions))
        {
            json.WriteStartArray();
            foreach (var (index, call) in _calls)
            {
                if (!TryParseObject(call.Arguments.WrittenMemory, out var arguments))
                {
                    problem = $"tool call {index} ({call.Name}) has arguments that are not a JSON object: "
                        + Encoding.UTF8.GetString(call.Arguments.WrittenSpan);
                    _calls.Clear();
                    return null;
                }

                using (arguments)
                {
                    json.WriteStartObject();
                    if (!string.IsNullOrEmpty(call.Id))
                    {
                        json.WriteString("id"u8, call.Id);
                    }

                    json.WriteStartObject("function"u8);
                    json.WriteNumber("index"u8, index);
                    json.WriteString("name"u8, call.Name.ToString());
                    json.WritePropertyName("arguments"u8);
                    arguments.RootElement.WriteTo(json);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        _calls.Clear();
        return _json.WrittenMemory;
    }

    private static bool TryParseObject(ReadOnlyMemory<byte> utf8, out JsonDocument document)
    {
        document = null!;
        try
        {
            document = JsonDocument.Parse(utf8.IsEmpty ? "{}"u8.ToArray() : utf8);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        document.Dispose();
        return false;
    }

    private Call Get(int index)
    {
        if (!_calls.TryGetValue(index, out var call))
        {
            _calls[index] = call = new Call();
        }

        return call;
    }

    private sealed class Call
    {
        public string? Id { get; set; }

        public StringBuilder Name { get; } = new();

        public ArrayBufferWriter<byte> Arguments { get; } = new(64);
    }
}
