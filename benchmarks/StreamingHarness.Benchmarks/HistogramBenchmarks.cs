using BenchmarkDotNet.Attributes;
using HdrHistogram;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Benchmarks;

/// <summary>
/// Recording a gap from two threads at once (the harness's readers share one histogram per phase): the harness's
/// <see cref="LogHistogram"/> against HdrHistogram's thread-safe histogram. Figures are per recorded value.
/// </summary>
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private const int Threads = 2;
    private const int PerThread = 100_000;
    private readonly LogHistogram _log = new();
    private readonly LongConcurrentHistogram _hdr = new(1, TimeStamp.Hours(1), 3);

    [Benchmark(Baseline = true, OperationsPerInvoke = Threads * PerThread)]
    public void LogHistogramRecord() => Parallel.For(0, Threads, t =>
    {
        for (var i = 0; i < PerThread; i++)
        {
            _log.Record(20_000_000 + (i * 37));
        }
    });

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public void HdrHistogramRecord() => Parallel.For(0, Threads, t =>
    {
        for (var i = 0; i < PerThread; i++)
        {
            _hdr.RecordValue(20_000_000 + (i * 37));
        }
    });
}
