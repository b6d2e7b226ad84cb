using System.Buffers;
using System.Text.Json;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Client.Events;

/// <summary>
/// Takes what one chunk says into buffers the stream reuses: its text and thinking unescaped, its tool calls, and for
/// the last chunk Ollama's counts and durations. Text never becomes a string here.
/// </summary>
internal sealed class ChunkCapture : IOllamaChunkHandler
{
    private readonly ArrayBufferWriter<byte> _quoted = new(256);

    public ArrayBufferWriter<byte> Content { get; } = new(256);

    public ArrayBufferWriter<byte> Thinking { get; } = new(256);

    public List<OllamaToolCall> ToolCalls { get; } = [];

    public bool FirstToken { get; private set; }

    public bool IsDone { get; private set; }

    public string DoneReason { get; private set; } = "stop";

    public long PromptTokens { get; private set; }

    public long CompletionTokens { get; private set; } = -1;

    public (long Total, long Load, long PromptEval, long Eval) Durations { get; private set; }

    private int _callsSeen;

    public bool IsFirstToken(in OllamaChunk chunk) => chunk.HasOutputOrDone;

    public void OnFirstToken() => FirstToken = true;

    public void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line) => Take(chunk);

    public void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line)
    {
        Take(chunk);
        IsDone = true;
        DoneReason = chunk.DoneReasonRaw.IsEmpty ? "stop" : OllamaChunk.Decode(chunk.DoneReasonRaw);
        PromptTokens = Math.Max(0, chunk.PromptEvalCount);
        CompletionTokens = chunk.EvalCount;
        Durations = ReadDurations(line);
    }

    public void OnMalformedLineSkipped()
    {
    }

    /// <summary>Clears what the last chunk left, before the next one is read.</summary>
    public void Reset()
    {
        Content.ResetWrittenCount();
        Thinking.ResetWrittenCount();
        ToolCalls.Clear();
        FirstToken = false;
    }

    private void Take(in OllamaChunk chunk)
    {
        Unescape(chunk.ContentRaw, Content);
        Unescape(chunk.ThinkingRaw, Thinking);
        if (chunk.HasToolCalls)
        {
            ReadToolCalls(chunk.ToolCallsJson);
        }
    }

    /// <summary>Unescapes a JSON string's raw bytes into <paramref name="into"/>; most tokens have no escape and are copied.</summary>
    private void Unescape(ReadOnlySpan<byte> raw, ArrayBufferWriter<byte> into)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            into.Write(raw);
            return;
        }

        _quoted.ResetWrittenCount();
        _quoted.Write("\""u8);
        _quoted.Write(raw);
        _quoted.Write("\""u8);
        var reader = new Utf8JsonReader(_quoted.WrittenSpan);
        reader.Read();
        var written = reader.CopyString(into.GetSpan(raw.Length));
        into.Advance(written);
    }

    /// <summary>
    /// Ollama sends each call whole: <c>{"id","function":{"index","name","arguments":{...}}}</c>. Rare, so a JsonDocument is fine.
    /// </summary>
    private void ReadToolCalls(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var calls = JsonDocument.ParseValue(ref reader);
        foreach (var call in calls.RootElement.EnumerateArray())
        {
            var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f)
                && f.ValueKind == JsonValueKind.Object ? f : default;
            var arguments = new Dictionary<string, JsonElement>();
            if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var args)
                && args.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in args.EnumerateObject())
                {
                    arguments[property.Name] = property.Value.Clone();
                }
            }

            var id = StringOrNull(call, "id") ?? $"call_{_callsSeen}";
            _callsSeen++;
            ToolCalls.Add(new OllamaToolCall(id, StringOrNull(function, "name") ?? "", arguments));
        }
    }

    private static (long, long, long, long) ReadDurations(ReadOnlySequence<byte> line)
    {
        try
        {
            using var done = JsonDocument.Parse(line);
            var root = done.RootElement;
            return (Number(root, "total_duration"), Number(root, "load_duration"), Number(root, "prompt_eval_duration"),
                Number(root, "eval_duration"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;

    private static string? StringOrNull(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
