using System.Text.Json;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// Reads one <c>data:</c> payload of a chat-completions stream with <see cref="Utf8JsonReader"/>: <c>choices[0]</c>'s
/// <c>delta</c> (content, <c>reasoning</c> or <c>reasoning_content</c>, tool call fragments) and
/// <c>finish_reason</c>, <c>usage</c>, a top-level <c>error</c> (read by <see cref="ErrorBody"/>). Text is unescaped and
/// escaped again as Go escapes it, into buffers reused event after event, so the Ollama chunk made of it carries
/// Ollama's bytes and nothing is allocated per token. A field of the wrong type is named in <see cref="Problem"/>.
/// <see cref="OpenAiChoiceReader"/> reads <c>choices</c>.
/// </summary>
internal sealed class OpenAiEventScanner : IDisposable
{
    private readonly OpenAiChoiceReader _choices = new();
    private readonly int _maxEventBytes;

    public OpenAiEventScanner(int maxEventBytes) => _maxEventBytes = maxEventBytes;

    public ToolCallAssembler ToolCalls => _choices.ToolCalls;

    /// <summary>Go-escaped text of this event's <c>delta.content</c>; empty when it had none.</summary>
    public ReadOnlySpan<byte> ContentRaw => _choices.ContentRaw;

    public ReadOnlySpan<byte> ThinkingRaw => _choices.ThinkingRaw;

    /// <summary>This event's finish reason as Ollama's <c>done_reason</c>, or null.</summary>
    public byte[]? DoneReason => _choices.DoneReason;

    /// <summary>From the last <c>usage</c> seen; -1 until then.</summary>
    public long PromptTokens { get; private set; } = -1;

    public long CompletionTokens { get; private set; } = -1;

    public string? Problem { get; private set; }

    public string? ErrorMessage { get; private set; }

    public OpenAiEventKind Scan(ReadOnlySpan<byte> data)
    {
        _choices.Reset();
        Problem = null;
        ErrorMessage = null;
        if (data.Length > _maxEventBytes)
        {
            Problem = $"an event of {data.Length} bytes is over the {_maxEventBytes}-byte limit";
            return OpenAiEventKind.TooLong;
        }

        if (OpenAiStreamEnd.IsDoneMarker(data))
        {
            return OpenAiEventKind.DoneMarker;
        }

        try
        {
            return ScanObject(data);
        }
        catch (JsonException ex)
        {
            Problem = "not valid JSON: " + ex.Message;
            return OpenAiEventKind.Malformed;
        }
    }

    public void Dispose() => _choices.Dispose();

    private OpenAiEventKind ScanObject(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            Problem = $"expected a JSON object, found {reader.TokenType}";
            return OpenAiEventKind.Malformed;
        }

        while (Problem is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                if (ErrorBody.TryReadValue(ref reader, out _, out var message))
                {
                    ErrorMessage = message;
                    return OpenAiEventKind.Error;
                }
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                _choices.Read(ref reader);
                Problem = _choices.Problem;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                ReadUsage(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return Problem is null ? OpenAiEventKind.Chunk : OpenAiEventKind.Malformed;
    }

    private void ReadUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var prompt = reader.ValueTextEquals("prompt_tokens"u8);
            var completion = reader.ValueTextEquals("completion_tokens"u8);
            reader.Read();
            if ((prompt || completion) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count))
            {
                if (prompt)
                {
                    PromptTokens = count;
                }
                else
                {
                    CompletionTokens = count;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
