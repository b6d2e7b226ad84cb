using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Benchmarks;

/// <summary>The ndjson writer (one line, one flush) and the relay's SSE event writer, each writing one token.</summary>
[MemoryDiagnoser]
public class WriterBenchmarks : IDisposable
{
    private readonly NdjsonWriter _ndjson = new(PipeWriter.Create(Stream.Null), ProtocolJson.Options);
    private readonly SseEventWriter _sse = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly ChatResponse _chunk = new()
    {
        Model = "llama3.2",
        CreatedAt = "2026-11-30T08:00:00.1234567Z",
        Message = new ChatMessage { Content = " ipsu" },
    };

    private readonly RelayStartEvent _start = new("req-1", "llama3.2", "2026-11-30T08:00:00.1234567Z");

    [Benchmark]
    public ValueTask NdjsonLineWithFlush() => _ndjson.WriteLineAsync(_chunk, ProtocolJson.Context.ChatResponse);

    [Benchmark]
    public int SseEvent()
    {
        _buffer.ResetWrittenCount();
        _sse.Write(_buffer, RelayEventTypes.Start, _start, ProtocolJson.Context.RelayStartEvent);
        return _buffer.WrittenCount;
    }

    public void Dispose()
    {
        _ndjson.Dispose();
        _sse.Dispose();
        GC.SuppressFinalize(this);
    }
}
