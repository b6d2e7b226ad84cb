using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StreamingHarness.Client.Streaming;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Client.Tests.Streaming;

/// <summary>
/// The first token is the first chunk with output (content, thinking or a tool call), for every handler: a done chunk
/// alone is not one, and a chunk without output before it never stops the first-token clock, even when the handler
/// takes it (the relay's pass-through forwards it).
/// </summary>
public sealed class FirstTokenTests
{
    private const string Empty = """{"model":"m","message":{"role":"assistant","content":""},"done":false}""";
    private const string Token = """{"model":"m","message":{"role":"assistant","content":"a"},"done":false}""";
    private const string ToolCall =
        """{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f"}}]},"done":false}""";
    private const string DoneOnly = """{"model":"m","message":{"role":"assistant","content":""},"done":true,"eval_count":0}""";

    [Fact]
    public async Task HandleLine_DoneWithoutOutput_IsTheEndWithoutAFirstToken()
    {
        var seen = await ReadAsync(takesEarlyChunks: false, Empty, DoneOnly);

        seen.ShouldBe(["done"]);
    }

    [Fact]
    public async Task HandleLine_EmptyChunkThenToolCall_TheToolCallIsTheFirstToken()
    {
        var seen = await ReadAsync(takesEarlyChunks: false, Empty, ToolCall, Token, DoneOnly);

        seen.ShouldBe(["first(flowing)", "chunk", "chunk", "done"]);
    }

    [Fact]
    public async Task HandleLine_HandlerTakesEarlyChunks_GetsThemWithoutStoppingTheFirstTokenClock()
    {
        var seen = await ReadAsync(takesEarlyChunks: true, Empty, Token, DoneOnly);

        seen.ShouldBe(["chunk(waiting)", "first(flowing)", "chunk", "done"]);
    }

    private static async Task<List<string>> ReadAsync(bool takesEarlyChunks, params string[] lines)
    {
        using var deadlines = new OllamaStreamDeadlines(
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), new FakeTimeProvider(), CancellationToken.None);
        await using var reader = OllamaChunkReader.FromBody(
            Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), OllamaEndpoint.Chat, deadlines, 64 * 1024);
        var handler = new Recorder(takesEarlyChunks, deadlines);
        while (await reader.ReadLineAsync())
        {
            reader.HandleLine(handler);
        }

        return handler.Seen;
    }

    private sealed class Recorder(bool takesEarlyChunks, OllamaStreamDeadlines deadlines) : IOllamaChunkHandler
    {
        private bool _first;

        public List<string> Seen { get; } = [];

        public bool TakesChunksBeforeFirstToken => takesEarlyChunks;

        public void OnFirstToken()
        {
            _first = true;
            Seen.Add(deadlines.TokensFlowing ? "first(flowing)" : "first(waiting)");
        }

        public void OnChunk(in OllamaChunk chunk, ReadOnlySequence<byte> line) =>
            Seen.Add(_first ? "chunk" : deadlines.TokensFlowing ? "chunk(flowing)" : "chunk(waiting)");

        public void OnDone(in OllamaChunk chunk, ReadOnlySequence<byte> line) => Seen.Add("done");

        public void OnMalformedLineSkipped() => Seen.Add("malformed");
    }
}
