using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// Reads <c>choices</c> of one chat-completions event with <see cref="Utf8JsonReader"/>: <c>choices[0]</c>'s
/// <c>delta</c> (or <c>message</c>: content, <c>reasoning</c> or <c>reasoning_content</c>, tool call fragments) and
/// <c>finish_reason</c>. Text is unescaped and escaped again as Go escapes it, into buffers reused event after event,
/// so nothing is allocated per token. A field of the wrong type is named in <see cref="Problem"/>.
/// </summary>
internal sealed class OpenAiChoiceReader : IDisposable
{
    private readonly ArrayBufferWriter<byte> _plain = new(256);
    private readonly ArrayBufferWriter<byte> _quoted = new(256);
    private readonly ArrayBufferWriter<byte> _content = new(256);
    private readonly ArrayBufferWriter<byte> _thinking = new(256);
    private readonly Utf8JsonWriter _escaper;

    public OpenAiChoiceReader() => _escaper = new Utf8JsonWriter(_quoted, ProtocolJson.WriterOptions);

    public ToolCallAssembler ToolCalls { get; } = new();

    /// <summary>Go-escaped text of this event's <c>delta.content</c>; empty when it had none.</summary>
    public ReadOnlySpan<byte> ContentRaw => _content.WrittenSpan;

    public ReadOnlySpan<byte> ThinkingRaw => _thinking.WrittenSpan;

    /// <summary>This event's finish reason as Ollama's <c>done_reason</c>, or null.</summary>
    public byte[]? DoneReason { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Forgets the last event's text, finish reason and problem; tool call fragments are kept.</summary>
    public void Reset()
    {
        _content.ResetWrittenCount();
        _thinking.ResetWrittenCount();
        DoneReason = null;
        Problem = null;
    }

    public void Dispose() => _escaper.Dispose();

    /// <summary>Reads the value of <c>choices</c>, the reader on its property name.</summary>
    public void Read(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Problem = $"field 'choices' must be an array, found {reader.TokenType}";
            return;
        }

        var first = true;
        while (Problem is null && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                // Only n=1 is asked for; any other choice is not part of this answer.
                reader.Skip();
                continue;
            }

            first = false;
            while (Problem is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    ReadDelta(ref reader);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    ReadFinishReason(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private void ReadDelta(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Problem = $"field 'choices[0].delta' must be an object, found {reader.TokenType}";
            return;
        }

        while (Problem is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                ReadEscapedText(ref reader, _content, "choices[0].delta.content");
            }
            else if (reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("reasoning_content"u8))
            {
                ReadEscapedText(ref reader, _thinking, "choices[0].delta.reasoning");
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                ReadToolCalls(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadFinishReason(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty))
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Problem = $"field 'choices[0].finish_reason' must be a string or null, found {reader.TokenType}";
            return;
        }

        DoneReason = OpenAiFinishReason.ToDoneReason(reader.ValueSpan);
    }

    /// <summary>Fragments: <c>{"index","id","function":{"name","arguments"}}</c>, any of them possibly absent.</summary>
    private void ReadToolCalls(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Problem = $"field 'choices[0].delta.tool_calls' must be an array, found {reader.TokenType}";
            return;
        }

        for (var position = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; position++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Problem = $"field 'choices[0].delta.tool_calls[{position}]' must be an object, found {reader.TokenType}";
                return;
            }

            using var call = JsonDocument.ParseValue(ref reader);
            var root = call.RootElement;
            var index = root.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : position;
            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text)
            {
                ToolCalls.AddId(index, text);
            }

            if (!root.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                ToolCalls.AddName(index, name.GetString()!);
            }

            if (function.TryGetProperty("arguments", out var arguments))
            {
                // Usually a piece of a JSON string; some servers send the object itself.
                ToolCalls.AddArguments(index, arguments.ValueKind == JsonValueKind.String
                    ? System.Text.Encoding.UTF8.GetBytes(arguments.GetString()!)
                    : System.Text.Encoding.UTF8.GetBytes(arguments.GetRawText()));
            }
        }
    }

    /// <summary>Unescapes a string value and writes it escaped as Go would into <paramref name="into"/>, without quotes.</summary>
    private void ReadEscapedText(ref Utf8JsonReader reader, ArrayBufferWriter<byte> into, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Problem = $"field '{field}' must be a string, found {reader.TokenType}";
            return;
        }

        _plain.ResetWrittenCount();
        try
        {
            _plain.Advance(reader.CopyString(_plain.GetSpan(reader.ValueSpan.Length)));
        }
        catch (InvalidOperationException)
        {
            Problem = $"field '{field}' holds text that is not valid UTF-8";
            return;
        }

        if (!Utf8.IsValid(_plain.WrittenSpan))
        {
            Problem = $"field '{field}' holds text that is not valid UTF-8";
            return;
        }

        _quoted.ResetWrittenCount();
        _escaper.Reset(_quoted);
        _escaper.WriteStringValue(_plain.WrittenSpan);
        _escaper.Flush();
        into.Write(_quoted.WrittenSpan[1..^1]);
    }
}
