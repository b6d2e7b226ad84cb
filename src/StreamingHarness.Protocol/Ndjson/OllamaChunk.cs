using System.Text;
using System.Text.Json;

using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>
/// What one native stream line says, as views into the line's bytes. Strings are kept JSON-escaped
/// (<c>…Raw</c>), so a relay can copy them into its own JSON without decoding and re-encoding each token.
/// </summary>
public readonly ref struct OllamaChunk
{
    public OllamaChunkKind Kind { get; init; }

    /// <summary>The text of the token, still JSON-escaped; empty when the chunk has none.</summary>
    public ReadOnlySpan<byte> ContentRaw { get; init; }

    public ReadOnlySpan<byte> ThinkingRaw { get; init; }

    /// <summary>The <c>tool_calls</c> array as raw JSON, or empty.</summary>
    public ReadOnlySpan<byte> ToolCallsJson { get; init; }

    /// <summary>For <see cref="OllamaChunkKind.Error"/>: the in-band error message, still JSON-escaped.</summary>
    public ReadOnlySpan<byte> ErrorRaw { get; init; }

    public ReadOnlySpan<byte> DoneReasonRaw { get; init; }

    /// <summary><c>eval_count</c> of a final chunk, or -1 when absent.</summary>
    public long EvalCount { get; init; }

    /// <summary><c>prompt_eval_count</c> of a final chunk, or -1 when absent (Ollama omitted it for cached prompts).</summary>
    public long PromptEvalCount { get; init; }

    public bool HasContent => !ContentRaw.IsEmpty;

    public bool HasThinking => !ThinkingRaw.IsEmpty;

    public bool HasToolCalls => !ToolCallsJson.IsEmpty;

    /// <summary>
    /// Content, thinking or a tool call: an output token, the one definition. The first such chunk is the first token
    /// (it stops the first-token clock; a done chunk without output is not one, it only ends the answer); TTFT and ITL
    /// time these chunks, and they are the count when the server gives no credible one (see
    /// <c>Streams/StreamLine.HasOutput</c> and <c>StreamTimeline.OutputTokensOf</c>).
    /// </summary>
    public bool HasOutput => HasContent || HasThinking || HasToolCalls;

    /// <summary>
    /// Decodes an escaped JSON string view (one of the <c>…Raw</c> properties) into a string, reading what is not valid
    /// text as U+FFFD like Go's decoder (see <see cref="GoJsonText"/>). Cold path: errors and done reasons only.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        // Re-wrap in quotes and let the JSON reader unescape: it is the one place that knows every escape.
        Span<byte> quoted = raw.Length + 2 <= 512 ? stackalloc byte[raw.Length + 2] : new byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[^1] = (byte)'"';

        // A lone surrogate escape or bytes that are not UTF-8 read as U+FFFD, as Go reads them, instead of throwing.
        var reader = new Utf8JsonReader(GoJsonText.Repair(quoted.ToArray()).Span);
        reader.Read();
        return reader.GetString()!;
    }
}
