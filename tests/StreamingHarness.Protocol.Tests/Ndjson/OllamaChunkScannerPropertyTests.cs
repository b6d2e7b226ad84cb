using System.Text.Json;
using CsCheck;
using Shouldly;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Testing.Fuzzing;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class OllamaChunkScannerPropertyTests
{
    private static readonly FuzzTarget[] Lines =
    [
        FuzzTarget.Post("chat", """
            {"model":"m","created_at":"2025-10-26T17:21:21Z","message":{"role":"assistant","content":"h\u00e9 \"x\"\n\ud83d\ude00",
             "thinking":"t"},"done":false}
            """),
        FuzzTarget.Post("chat", """
            {"model":"m","created_at":"2025-10-26T17:21:21Z","message":{"role":"assistant","content":""},"done":true,
             "done_reason":"stop","total_duration":5,"prompt_eval_count":3,"eval_count":7}
            """),
        FuzzTarget.Post("chat", """{"error":"model runner has unexpectedly stopped"}"""),
    ];

    [Fact]
    public void Scan_RandomValidAndBrokenLines_AgreesWithJsonDocument()
    {
        BodyMutator.Cases(Lines).Sample(line =>
        {
            // What Go would decode: the reference reads lone surrogates and invalid UTF-8 as U+FFFD too.
            var expected = Parse(GoJsonText.Repair(line.Body).ToArray());
            var scanner = new OllamaChunkScanner(OllamaEndpoint.Chat);
            try
            {
                var chunk = scanner.Scan(line.Body.AsSpan(), 1);
                expected.ShouldNotBeNull("the scanner accepted a line System.Text.Json rejects");
                var root = expected.RootElement;
                if (chunk.Kind == OllamaChunkKind.Error)
                {
                    // Any non-empty error wins, as in Go's client; a non-string one is reported as such.
                    var error = root.GetProperty("error");
                    OllamaChunk.Decode(chunk.ErrorRaw)
                        .ShouldBe(error.ValueKind == JsonValueKind.String ? error.GetString() : "(non-string error)");
                    return;
                }

                chunk.Kind.ShouldBe(root.GetProperty("done").GetBoolean() ? OllamaChunkKind.Done : OllamaChunkKind.Partial);
                if (root.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content))
                {
                    // Go decodes null into a string field as "no change": the empty string.
                    OllamaChunk.Decode(chunk.ContentRaw).ShouldBe(content.ValueKind == JsonValueKind.Null ? "" : content.GetString());
                }

                if (root.TryGetProperty("eval_count", out var evalCount))
                {
                    chunk.EvalCount.ShouldBe(evalCount.GetInt64());
                }
            }
            catch (NdjsonFormatException)
            {
                // Rejected: fine for any line; System.Text.Json may accept it (valid JSON but not a valid chunk).
            }
        });
    }

    [Fact]
    public void Scan_BytesAfterTheObject_IsInvalidJsonLikeGosUnmarshal()
    {
        var line = """{"message":{"content":""},"done":true}"x":1}"""u8.ToArray();

        var error = Should.Throw<NdjsonFormatException>(() => new OllamaChunkScanner(OllamaEndpoint.Chat).Scan(line.AsSpan(), 3));

        error.Kind.ShouldBe(NdjsonErrorKind.InvalidJson);
    }

    [Fact]
    public void Decode_LoneSurrogateEscape_IsReplacementCharacterNotAnException()
    {
        OllamaChunk.Decode("runner \\ud800 stopped"u8).ShouldBe("runner \uFFFD stopped");
    }

    private static JsonDocument? Parse(byte[] line)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
