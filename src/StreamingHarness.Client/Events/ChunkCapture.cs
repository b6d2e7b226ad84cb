using System.Buffers;
using System.Text.Json;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Streams;

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

    /// <summary>The calls as Protocol's one reader reads them (ids from <see cref="NativeToolCallReader.FallbackId"/>).</summary>
    private void ReadToolCalls(ReadOnlySpan<byte> json)
    {
        foreach (var call in NativeToolCallReader.Read(json, _callsSeen))
        {
            var arguments = new Dictionary<string, JsonElement>();
            foreach (var property in call.Arguments.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }

            _callsSeen++;
            ToolCalls.Add(new OllamaToolCall(call.Id, call.Name, arguments));
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
}
