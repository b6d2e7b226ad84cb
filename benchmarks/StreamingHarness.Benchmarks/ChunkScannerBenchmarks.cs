using BenchmarkDotNet.Attributes;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Benchmarks;

/// <summary>The chunk scanner every reader uses (probes, relay, client): one Ollama line classified in place.</summary>
[MemoryDiagnoser]
public class ChunkScannerBenchmarks
{
    private readonly OllamaChunkScanner _scanner = new(OllamaEndpoint.Chat);

    [Benchmark]
    public int ScanContentLine() => _scanner.Scan(SampleLines.ContentSequence, 1).ContentRaw.Length;

    [Benchmark]
    public long ScanDoneLine() => _scanner.Scan(SampleLines.Done, 2).EvalCount;
}
