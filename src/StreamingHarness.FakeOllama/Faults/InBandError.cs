using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Ollama's error once the status line is out (wire format §4.2, §5.6): on the native API one more line
/// <c>{"error":"…"}\n</c>; on <c>/v1/chat/completions</c> and <c>/v1/completions</c> the OpenAI layer turns that line
/// into an empty chunk with <c>"model":""</c> and the error text is lost; the Responses and Anthropic converters make no
/// event at all of it. Either way the body then ends cleanly, with no done line, no finish chunk, no <c>[DONE]</c>, no
/// <c>response.completed</c> and no <c>message_stop</c>.
/// </summary>
internal static class InBandError
{
    /// <summary>What the client receives in place of the error, for the journal.</summary>
    public static string Describe(FaultContext context, string message, int tokens) => context.Framing != StreamFraming.Sse
        ? $"in-band error line after {tokens} tokens: {message}"
        : context.Flavor is ApiFlavor.OpenAiResponses or ApiFlavor.Anthropic
            ? $"silent stop after {tokens} tokens (no event, no terminal event)"
            : $"silent truncation after {tokens} tokens (an empty chunk, no finish chunk, no [DONE])";

    public static async ValueTask WriteAsync(FaultContext context, string message, ReadOnlyMemory<byte> sampleLine)
    {
        if (context.Framing == StreamFraming.Sse && context.Flavor is ApiFlavor.OpenAiResponses or ApiFlavor.Anthropic)
        {
            return;
        }

        var line = context.Framing != StreamFraming.Sse
            ? FramedLine.Frame(StreamFraming.Ndjson, OllamaErrorBody.ToUtf8(message))
            : FramedLine.Frame(
                StreamFraming.Sse,
                context.Flavor == ApiFlavor.OpenAiCompletions
                    ? CompletionTruncation(sampleLine, context.Now)
                    : TruncationChunk(sampleLine, context.Now));
        await context.WriteLineAsync(line).ConfigureAwait(false);
    }

    /// <summary>What Ollama's CompleteWriter makes of an error line: an empty text, an empty model, the zero usage if asked.</summary>
    private static JsonObject CompletionTruncation(ReadOnlyMemory<byte> sampleLine, DateTimeOffset now)
    {
        var sample = FramedLine.Parse(StreamFraming.Sse, sampleLine);
        var chunk = new JsonObject
        {
            ["id"] = sample?["id"]?.GetValue<string>() ?? "cmpl-0",
            ["object"] = "text_completion",
            ["created"] = now.ToUnixTimeSeconds(),
            ["choices"] = new JsonArray(new JsonObject { ["text"] = "", ["index"] = 0, ["finish_reason"] = null }),
            ["model"] = "",
            ["system_fingerprint"] = "fp_ollama",
        };
        if (sample?["usage"] is not null)
        {
            chunk["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["completion_tokens"] = 0, ["total_tokens"] = 0 };
        }

        return chunk;
    }

    /// <summary>What Ollama's ChatWriter makes of an error line: the stream's id and created, an empty model and delta.</summary>
    private static JsonObject TruncationChunk(ReadOnlyMemory<byte> sampleLine, DateTimeOffset now)
    {
        var sample = FramedLine.Parse(StreamFraming.Sse, sampleLine);
        return new JsonObject
        {
            ["id"] = sample?["id"]?.GetValue<string>() ?? "chatcmpl-0",
            ["object"] = "chat.completion.chunk",
            ["created"] = sample?["created"]?.GetValue<long>() ?? now.ToUnixTimeSeconds(),
            ["model"] = "",
            ["system_fingerprint"] = "fp_ollama",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = new JsonObject { ["content"] = "" },
                ["finish_reason"] = null,
            }),
        };
    }
}
