using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>"Added by the service": the table and chart of what a target in front of the fake added, per phase.</summary>
internal static class AddedByServiceReport
{
    public const string Note =
        "Each request carries its own trace id; after the phase its arrivals are joined, by position in the answer text, to the "
        + "lines the fake's journal says it sent for that trace id, on the host's one monotonic clock. Added delay = client arrival − "
        + "fake send, per token (a merged event counts each token at the time its last character arrived); added TTFT is the first "
        + "token's. Bursts: arrivals under 1 ms apart count as one. Requests the journal no longer held (it keeps the latest "
        + "1,000), or whose service did not pass the trace id on, are not joined.";

    public static bool Applies(RunReport report) => report.Phases.Any(p => p.Summary.Added is { Joined: > 0 });

    public static ReportTable Table(RunReport report) => new(
        "Added by the service (client arrival − fake send, per token)",
        [
            "phase", "requests joined", "added TTFT p50", "added TTFT p99", "added delay p50", "added delay p99", "added delay p99.9",
            "added delay max", "bursts per request", "tokens per request",
        ],
        [.. report.Phases.Where(p => p.Summary.Added is not null).Select(p => Row(p.Summary.Name, p.Summary.Added!))],
        Note);

    public static string Chart(RunReport report) => SvgChart.Lines(
        "Added by the service: delay per token by percentile", "percentile", "added delay (ms)",
        [.. report.Phases.Where(p => p.Summary.Added is { Joined: > 0 }).SelectMany(p => new[]
        {
            new ChartSeries($"{p.Summary.Name} token delay", Points(p.Summary.Added!.AddedDelay)),
            new ChartSeries($"{p.Summary.Name} TTFT", Points(p.Summary.Added!.AddedTtft), Dashed: true),
        })]);

    private static IReadOnlyList<string> Row(string phase, AddedByService a) =>
    [
        phase, $"{a.Joined} of {a.Requests}", ReportTables.Ms(a.AddedTtft.P50), ReportTables.Ms(a.AddedTtft.P99),
        ReportTables.Ms(a.AddedDelay.P50), ReportTables.Ms(a.AddedDelay.P99), ReportTables.Ms(a.AddedDelay.P999),
        ReportTables.Ms(a.AddedDelay.Max), ReportTables.Number(a.BurstsPerRequest), ReportTables.Number(a.TokensPerRequest),
    ];

    private static List<(double, double)> Points(Percentiles p) => [(50, p.P50), (90, p.P90), (95, p.P95), (99, p.P99), (99.9, p.P999)];
}
