namespace StreamingHarness.Harness.Bench;

/// <summary>One scenario's rows, each with its ratio to the scenario's floor and to its anchor, and the load beside it.</summary>
internal sealed class BenchTable(List<BenchRow> rows, string scenario, int streams, BenchSample floor)
{
    public void Add(
        string server, BenchSample sample, (string Name, BenchSample Sample)? anchor = null, double? target = null, string note = "")
    {
        var ratio = sample.CpuMicrosPerToken / floor.CpuMicrosPerToken;
        double? toAnchor = anchor is { } a ? sample.CpuMicrosPerToken / a.Sample.CpuMicrosPerToken : null;
        var judged = toAnchor ?? ratio;
        rows.Add(new BenchRow(
            scenario, server, streams, sample.Tokens, sample.Elapsed.TotalSeconds, sample.TokensPerSecond,
            sample.CpuMicrosPerToken, ratio, anchor?.Name, toAnchor, target, target is { } limit ? judged <= limit : null,
            LoadAverage.Read(), note));
    }
}
