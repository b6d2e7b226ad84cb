using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Ollama's error once the status line is out (wire format §4.2, §5.6): on the native API one more line
/// <c>{"error":"…"}\n</c>; on <c>/v1</c> the OpenAI layer turns that line into an empty-delta chunk with
/// <c>"model":""</c> and the error text is lost. Either way the body then ends cleanly, with no done line, no finish
/// chunk and no <c>[DONE]</c>.
/// </summary>
internal static class InBandError
{
    public static async ValueTask WriteAsync(FaultContext context, string message, ReadOnlyMemory<byte> sampleLine)
    {
        var line = context.Framing == StreamFraming.Sse
            ? FramedLine.Frame(StreamFraming.Sse, TruncationChunk(sampleLine, context.Now))
            : FramedLine.Frame(StreamFraming.Ndjson, OllamaErrorBody.ToUtf8(message));
        await context.WriteLineAsync(line).ConfigureAwait(false);
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
