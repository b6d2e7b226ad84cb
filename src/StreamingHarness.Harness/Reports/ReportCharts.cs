using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>The report's charts as inline SVG: distributions, throughput and memory over time, TTFT against concurrency.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<string> Build(RunReport report)
    {
        var charts = new List<string>
        {
            SvgChart.Lines(
                "TTFT distribution (cumulative)", "TTFT (ms, log scale)", "% of requests at or below",
                Distribution(report, p => p.TtftDistribution), logX: true),
            SvgChart.Lines(
            "Inter-token latency distribution (cumulative)", "gap between tokens (ms, log scale)", "% of gaps at or below",
            Distribution(report, p => p.ItlDistribution), logX: true),
            SvgChart.Lines(
            $"Output tokens per second over time ({report.ThroughputBinSeconds:0.##} s bins)", "seconds since start", "tokens/s",
                [new ChartSeries("tokens/s", [.. report.Throughput.Select(p => (p.Seconds, p.TokensPerSecond))])]),
            SvgChart.Lines("Requests per second over time", "seconds since start", "requests/s",
                [new ChartSeries("completed", [.. report.Throughput.Select(p => (p.Seconds, p.CompletedPerSecond))]),
                 new ChartSeries("failed", [.. report.Throughput.Select(p => (p.Seconds, p.FailedPerSecond))])]),
            SvgChart.Lines("Memory over time (heap as read, without forcing a GC)", "seconds since start", "MB", Memory(report.Memory)),
        };

        if (AddedByServiceReport.Applies(report))
        {
            charts.Add(AddedByServiceReport.Chart(report));
        }

        var sweep = report.Phases.Where(p => p.Summary.Concurrency > 0).GroupBy(p => p.Summary.Target).Where(g => g.Count() > 1).ToList();
        if (sweep.Count > 0)
        {
            charts.Add(SvgChart.Lines("TTFT against concurrency", "concurrent streams (log scale)", "TTFT (ms)",
                [.. sweep.SelectMany(g => new[]
                {
                    new ChartSeries($"p50 {Short(g.Key)}", [.. g.Select(p => ((double)p.Summary.Concurrency, p.Summary.Ttft.P50))]),
                    new ChartSeries(
                    $"p99 {Short(g.Key)}", [.. g.Select(p => ((double)p.Summary.Concurrency, p.Summary.Ttft.P99))], Dashed: true),
                })], logX: true));
        }

        if (report.MemoryPerStream is { } memory)
        {
            charts.Add(SvgChart.Lines("Retained memory against open streams (after GC)", "streams held open", "managed heap (MB)",
                [.. memory.Steps.GroupBy(s => s.Process)
                .Select(g => new ChartSeries(g.Key, [.. g.Select(s => ((double)s.HeldStreams, s.ManagedHeapBytes / 1048576.0))]))]));
        }

        if (report.LongStream is { Points.Count: > 0 } longStream)
        {
            charts.Add(SvgChart.Lines($"Relay memory during one {longStream.Tokens:#,0}-token stream", "tokens streamed", "MB",
                [new ChartSeries(
                "heap after GC", [.. longStream.Points.Select(p => ((double)p.TokensSoFar, p.ManagedHeapBytes / 1048576.0))]),
                 new ChartSeries(
                 "working set", [.. longStream.Points.Select(p => ((double)p.TokensSoFar, p.WorkingSetBytes / 1048576.0))],
                 Dashed: true)]));
        }

        return charts;
    }

    private static List<ChartSeries> Distribution(RunReport report, Func<PhaseSummary, IReadOnlyList<DistributionBin>> bins) =>
        [.. report.Phases.Select(p =>
        {
            // Cumulative: percentiles read straight off the chart, and sparse runs still draw a clean line.
            var list = bins(p.Summary);
            var total = Math.Max(1, list.Sum(b => b.Count));
            long seen = 0;
            return new ChartSeries(
                p.Summary.Name, [.. list.Where(b => b.Count > 0).Select(b => (b.UpperMs, 100.0 * (seen += b.Count) / total))]);
        })];

    /// <summary>"relay SSE /stream/chat" → "relay SSE": legends are narrow.</summary>
    private static string Short(string target) => string.Join(' ', target.Split(' ').Take(2));

    private static List<ChartSeries> Memory(IReadOnlyList<MemoryPoint> points) =>
        [.. points.GroupBy(p => p.Process).SelectMany(g => new[]
        {
            new ChartSeries($"{g.Key} working set", [.. g.Select(p => (p.Seconds, p.WorkingSetMb))]),
            new ChartSeries($"{g.Key} heap", [.. g.Select(p => (p.Seconds, p.ManagedHeapMb))], Dashed: true),
        })];
}
