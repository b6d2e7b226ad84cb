using System.Text;
using BenchmarkDotNet.Attributes;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Benchmarks;

/// <summary>
/// The harness's ndjson probe reading a whole 960-token stream from memory, timeline and all: figures are per line,
/// so what is allocated once per stream (the pipe reader, the timeline) shows as a fraction of a byte.
/// </summary>
[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private const int Lines = 961;
    private readonly NdjsonProbe _probe = new(new ProbeRequestOptions(new Uri("http://127.0.0.1:1")));
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var body = new StringBuilder();
        for (var i = 1; i < Lines; i++)
        {
            body.Append(Encoding.UTF8.GetString(SampleLines.Content)).Append('\n');
        }

        _body = Encoding.UTF8.GetBytes(body.Append(Encoding.UTF8.GetString(SampleLines.Done)).Append('\n').ToString());
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<long> NdjsonStreamPerLine()
    {
        using var body = new MemoryStream(_body, writable: false);
        var timeline = new RequestTimeline();
        timeline.OnStart(timeline.Now);
        await _probe.ReadAsync(body, timeline, CancellationToken.None);
        return timeline.ContentChunks;
    }
}
