using System.Buffers;
using System.Text.Json;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// Reads one native stream line with <see cref="Utf8JsonReader"/> and says what it is, without allocating:
/// an error line is checked first (a top-level <c>error</c> key wins whatever else the line says), then the
/// chunk's fields are type-checked so a mistyped field is reported by name rather than misread.
/// One scanner per stream; it keeps a scratch buffer for lines that arrive in several segments.
/// </summary>
public sealed class OllamaChunkScanner
{
    private readonly OllamaEndpoint _endpoint;
    private byte[] _scratch = [];

    public OllamaChunkScanner(OllamaEndpoint endpoint) => _endpoint = endpoint;

    /// <summary>Scans a line. Throws <see cref="NdjsonFormatException"/> naming the line and the field at fault.</summary>
    public OllamaChunk Scan(ReadOnlySequence<byte> line, long lineNumber)
    {
        ReadOnlySpan<byte> span;
        if (line.IsSingleSegment)
        {
            span = line.FirstSpan;
        }
        else
        {
            if (_scratch.Length < line.Length)
            {
                _scratch = new byte[Math.Max(line.Length, _scratch.Length * 2)];
            }

            line.CopyTo(_scratch);
            span = _scratch.AsSpan(0, (int)line.Length);
        }

        return Scan(span, lineNumber);
    }

    public OllamaChunk Scan(ReadOnlySpan<byte> line, long lineNumber)
    {
        try
        {
            return ScanObject(line, lineNumber);
        }
        catch (JsonException ex)
        {
            throw new NdjsonFormatException(
                NdjsonErrorKind.InvalidJson, lineNumber, "not valid JSON: " + ex.Message, NdjsonFormatException.MakeSnippet(line));
        }
    }

    private OllamaChunk ScanObject(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (NdjsonLines.IsBlank(line))
        {
            throw Invalid(
                line, lineNumber, NdjsonErrorKind.InvalidJson, "blank line (Ollama never sends one; python and .NET clients fail on it)");
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(line, lineNumber, NdjsonErrorKind.InvalidJson, "a line must hold one JSON object");
        }

        ReadOnlySpan<byte> content = default, thinking = default, toolCalls = default, error = default, doneReason = default;
        bool? done = null;
        var hasText = false;
        long evalCount = -1, promptEvalCount = -1;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();

                // Like Go's client, only a non-empty error is one: {"error":null} and {"error":""} are not.
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                error = reader.TokenType == JsonTokenType.String ? StringValue(ref reader, line) : "(non-string error)"u8;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("done"u8))
            {
                reader.Read();
                done = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw Invalid(
                    line, lineNumber, NdjsonErrorKind.InvalidChunk, $"field 'done' must be a boolean, found {Describe(reader.TokenType)}"),
                };
            }
            else if (reader.ValueTextEquals("done_reason"u8))
            {
                doneReason = ReadString(ref reader, line, lineNumber, "done_reason");
            }
            else if (reader.ValueTextEquals("eval_count"u8))
            {
                evalCount = ReadCount(ref reader, line, lineNumber, "eval_count");
            }
            else if (reader.ValueTextEquals("prompt_eval_count"u8))
            {
                promptEvalCount = ReadCount(ref reader, line, lineNumber, "prompt_eval_count");
            }
            else if (_endpoint == OllamaEndpoint.Generate && reader.ValueTextEquals("response"u8))
            {
                content = ReadString(ref reader, line, lineNumber, "response");
                hasText = true;
            }
            else if (_endpoint == OllamaEndpoint.Generate && reader.ValueTextEquals("thinking"u8))
            {
                thinking = ReadString(ref reader, line, lineNumber, "thinking");
            }
            else if (_endpoint == OllamaEndpoint.Chat && reader.ValueTextEquals("message"u8))
            {
                ScanMessage(ref reader, line, lineNumber, out content, out thinking, out toolCalls);
                hasText = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || !NdjsonLines.IsBlank(line[(int)reader.BytesConsumed..]))
        {
            // Go's json.Unmarshal of the line: "invalid character 'x' after top-level value".
            throw Invalid(line, lineNumber, NdjsonErrorKind.InvalidJson, "bytes after the JSON object");
        }

        if (!error.IsEmpty)
        {
            return new OllamaChunk { Kind = OllamaChunkKind.Error, ErrorRaw = error, EvalCount = -1, PromptEvalCount = -1 };
        }

        if (done is null)
        {
            throw Invalid(line, lineNumber, NdjsonErrorKind.InvalidChunk, "field 'done' is missing");
        }

        if (!hasText)
        {
            var field = _endpoint == OllamaEndpoint.Chat ? "message" : "response";
            throw Invalid(line, lineNumber, NdjsonErrorKind.InvalidChunk, $"field '{field}' is missing");
        }

        return new OllamaChunk
        {
            Kind = done.Value ? OllamaChunkKind.Done : OllamaChunkKind.Partial,
            ContentRaw = content,
            ThinkingRaw = thinking,
            ToolCallsJson = toolCalls,
            DoneReasonRaw = doneReason,
            EvalCount = evalCount,
            PromptEvalCount = promptEvalCount,
        };
    }

    private static void ScanMessage(
        scoped ref Utf8JsonReader reader,
        ReadOnlySpan<byte> line,
        long lineNumber,
        out ReadOnlySpan<byte> content,
        out ReadOnlySpan<byte> thinking,
        out ReadOnlySpan<byte> toolCalls)
    {
        content = default;
        thinking = default;
        toolCalls = default;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(
                line, lineNumber, NdjsonErrorKind.InvalidChunk, $"field 'message' must be an object, found {Describe(reader.TokenType)}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                content = ReadString(ref reader, line, lineNumber, "message.content");
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                thinking = ReadString(ref reader, line, lineNumber, "message.thinking");
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Invalid(
                        line, lineNumber, NdjsonErrorKind.InvalidChunk,
                        $"field 'message.tool_calls' must be an array, found {Describe(reader.TokenType)}");
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                toolCalls = line[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static ReadOnlySpan<byte> ReadString(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> line, long lineNumber, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => StringValue(ref reader, line),
            JsonTokenType.Null => default,
            _ => throw Invalid(
            line, lineNumber, NdjsonErrorKind.InvalidChunk, $"field '{field}' must be a string, found {Describe(reader.TokenType)}"),
        };
    }

    /// <summary>The string token's escaped bytes as a slice of the line itself, so the view outlives the reader.</summary>
    private static ReadOnlySpan<byte> StringValue(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> line) =>
        line.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);

    private static long ReadCount(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, long lineNumber, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            throw Invalid(
                line, lineNumber, NdjsonErrorKind.InvalidChunk, $"field '{field}' must be an integer, found {Describe(reader.TokenType)}");
        }

        return value;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static NdjsonFormatException Invalid(ReadOnlySpan<byte> line, long lineNumber, NdjsonErrorKind kind, string reason) =>
        new(kind, lineNumber, reason, NdjsonFormatException.MakeSnippet(line));
}
