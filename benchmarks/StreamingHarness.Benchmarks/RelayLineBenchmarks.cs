using System.Buffers;
using BenchmarkDotNet.Attributes;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Benchmarks;

/// <summary>
/// The relay's step for one upstream line: scan it, then format it for the client (SSE token event, or the ndjson
/// pass-through's verbatim copy) into the stream's buffer.
/// </summary>
[MemoryDiagnoser]
public class RelayLineBenchmarks : IDisposable
{
    private readonly OllamaChunkScanner _scanner = new(OllamaEndpoint.Chat);
    private readonly SseStreamFormat _sse = new("req-1", "llama3.2", TimeProvider.System, coalesce: false);
    private readonly NdjsonPassThroughFormat _ndjson = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    [Benchmark]
    public int SseTokenEvent() => Step(_sse);

    [Benchmark]
    public int NdjsonPassThrough() => Step(_ndjson);

    public void Dispose()
    {
        _sse.Dispose();
        GC.SuppressFinalize(this);
    }

    private int Step(IStreamFormat format)
    {
        _buffer.ResetWrittenCount();
        var line = SampleLines.ContentSequence;
        var chunk = _scanner.Scan(line, 1);
        format.WriteChunk(_buffer, chunk, line);
        return _buffer.WrittenCount;
    }
}
