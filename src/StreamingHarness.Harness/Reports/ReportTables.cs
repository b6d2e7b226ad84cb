using System.Globalization;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Reports;

/// <summary>The report's tables, in reading order. Every writer renders these, so they always agree.</summary>
internal static class ReportTables
{
    public static IReadOnlyList<ReportTable> Build(RunReport report)
    {
        ReportTable?[] sections =
        [
            Overview(report),
            .. report.Phases.Select(Distributions),
            ServerView(report),
            AddedByServiceReport.Applies(report) ? AddedByServiceReport.Table(report) : null,
            Errors(report),
            Usage(report),
            report.MemoryPerStream is { } memory ? MemorySlopes(memory) : null,
            report.LongStream is { } longStream ? LongStream(longStream) : null,
            report.Comparison is { } comparison ? RelayOverhead(comparison) : null,
            Thresholds(report),
            Faults(report),
        ];
        return [.. sections.OfType<ReportTable>()];
    }

    private static ReportTable LongStream(LongStreamResult longStream)
    {
        var tokens = longStream.Tokens.ToString(CultureInfo.InvariantCulture);
        var readings = longStream.Points.Count.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<string> row = longStream.Points.Count < 2
            ? [tokens, longStream.Outcome, "stream too short to read twice", "n/a", "n/a", readings]
            :
            [
                tokens, longStream.Outcome, Bytes(longStream.HeapGrowthBytes), Bytes(longStream.HeapSlopeBytesPerThousandTokens),
                Bytes(longStream.WorkingSetGrowthBytes), readings,
            ];
        return new ReportTable(
            "Long stream through the relay",
            ["tokens", "outcome", "relay heap growth", "heap slope per 1,000 tokens", "relay working set growth", "readings"],
            [row],
            "Readings of the relay after a forced GC every 200 ms while the stream ran. Growth = last − first; the slope is the "
            + "least-squares fit of heap against tokens streamed (flat memory: near 0, well under the bytes of a token).");
    }

    private static ReportTable RelayOverhead(ComparisonResult c)
    {
        var relay = c.RelayUsage.FirstOrDefault(u => u.Process == "relay");
        return new ReportTable(
            "Relay overhead (through the relay − direct to the fake)",
            [
                "ΔTTFT p50", "ΔTTFT p99", "ΔITL p50", "ΔITL p99", "ITL preserved", "tokens preserved", "relay CPU (cores)",
                "relay allocated / token", "relay heap per open stream",
            ],
            [[
                Ms(c.TtftP50DeltaMs), Ms(c.TtftP99DeltaMs), Ms(c.ItlP50DeltaMs), Ms(c.ItlP99DeltaMs),
                c.ItlPreserved ? "yes" : "NO", c.TokensPreserved ? "yes" : "NO",
                relay is null ? "n/a" : Number(relay.CpuCores), relay is null ? "n/a" : Bytes(relay.AllocatedBytesPerToken),
                c.RelayHeapBytesPerStream is { } b ? Bytes(b) : "not measured",
            ]],
            c.Rule + ". CPU of each process per side is in the process table.");
    }

    private static ReportTable? Thresholds(RunReport report) => report.Thresholds.Count == 0 ? null : new ReportTable(
        "Thresholds",
        ["threshold", "phase", "measured", "result"],
        [.. report.Thresholds.Select(t => (IReadOnlyList<string>)
        [
            t.Threshold, t.Phase, t.Actual is { } a ? Measured(Threshold.Parse(t.Threshold), a) : "n/a", t.Passed ? "pass" : "FAIL",
        ])]);

    private static ReportTable? Faults(RunReport report) => report.Faults.Count == 0 ? null : new ReportTable(
        "Faults: every request under its expected kind",
        ["model", "expected", "seen", "unexpected", "result"],
        [.. report.Faults.Select(f => (IReadOnlyList<string>)
        [
            f.Model, string.Join(" | ", f.Expected), string.Join(", ", f.Seen.Select(kv => $"{kv.Key} {kv.Value}")),
            f.Unexpected.ToString(CultureInfo.InvariantCulture), f.Passed ? "pass" : "FAIL",
        ])]);

    private static ReportTable Overview(RunReport report) => new(
        "Phases",
        [
            "phase", "target", "load", "sent", "ok", "failed", "in flight at stop", "req/s", "tokens/s", "TTFT p50", "TTFT p99",
            "ITL p50", "ITL p99", "TPOT p50", "E2E p99", "goodput/s", "harness lag p50", "accounting",
        ],
        [.. report.Phases.Select(p =>
        {
            var s = p.Summary;
            return (IReadOnlyList<string>)
            [
                s.Name, s.Target, s.Load, Int(s.Sent), Int(s.Succeeded), Int(s.Failed), Int(s.InFlightAtStop),
                Number(s.RequestsPerSecond), Number(s.TokensPerSecond),
                Ms(s.Ttft.P50), Ms(s.Ttft.P99), Ms(s.Itl.P50), Ms(s.Itl.P99), Ms(s.Tpot.P50), Ms(s.E2e.P99),
                s.GoodputPerSecond is { } g ? Number(g) : "no SLO", Ms(s.HarnessLag.P50), p.AccountingExact ? "exact" : "LOST",
            ];
        })],
        $"Tokens counted from {string.Join("; ", report.Phases.Select(p => p.Summary.TokenSource).Distinct())}.");

    private static ReportTable Distributions(PhaseReport phase)
    {
        var s = phase.Summary;
        IReadOnlyList<string> Row(string name, Percentiles p) =>
            [name, Int(p.Count), Ms(p.Min), Ms(p.Mean), Ms(p.P50), Ms(p.P90), Ms(p.P95), Ms(p.P99), Ms(p.P999), Ms(p.Max)];
        return new ReportTable(
            $"Latency, phase '{s.Name}' ({s.Load})",
            ["metric", "count", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"],
            [
                Row("TTFT", s.Ttft), Row("ITL", s.Itl), Row("TPOT", s.Tpot), Row("E2E", s.E2e), Row("time to headers", s.Headers),
                Row("queue wait", s.QueueWait), Row("harness lag", s.HarnessLag),
                .. s.ItlError.Count > 0 ? [Row("ITL error |gap − expected|", s.ItlError)] : Array.Empty<IReadOnlyList<string>>(),
            ],
            $"SLO: {s.Slo}; {Int(s.GoodRequests)} requests met it. Harness lag: how late the harness's thread pool ran a work item "
            + "queued every 5 ms, i.e. the client's own delay on every timestamp.");
    }

    private static ReportTable? ServerView(RunReport report) => !report.Phases.Any(p => p.ServerFirstLine is { Count: > 0 })
        ? null
        : new(
        "Client TTFT against the fake's own first-line time",
        [
            "phase", "fake first line p50", "fake first line p99", "client TTFT p50", "client TTFT p99", "client − fake p50",
            "client − fake p99", "harness lag p50", "harness lag p99", "fake write gaps p50", "fake write gaps p99", "client ITL p50",
            "client ITL p99",
        ],
        [.. report.Phases.Where(p => p.ServerFirstLine is { Count: > 0 }).Select(p => (IReadOnlyList<string>)[
            p.Summary.Name, Ms(p.ServerFirstLine!.P50), Ms(p.ServerFirstLine.P99), Ms(p.Summary.Ttft.P50), Ms(p.Summary.Ttft.P99),
            Ms(p.Summary.Ttft.P50 - p.ServerFirstLine.P50), Ms(p.Summary.Ttft.P99 - p.ServerFirstLine.P99),
            Ms(p.Summary.HarnessLag.P50), Ms(p.Summary.HarnessLag.P99),
            p.ServerGaps is { Count: > 0 } g ? Ms(g.P50) : "n/a", p.ServerGaps is { Count: > 0 } h ? Ms(h.P99) : "n/a",
            Ms(p.Summary.Itl.P50), Ms(p.Summary.Itl.P99)])],
        "The fake's own view, from its journal (the last 1,000 requests of the phase): time from a request's arrival to its first flushed "
        + "line, and the gaps between the token lines as it wrote them. Client − fake is what loopback, Kestrel's request handling and the "
        + "harness add together; harness lag is the harness's own part. Fake write gaps against client ITL tell the server's pacing "
        + "from the client's reading.");

    private static ReportTable Errors(RunReport report) => new(
        "Outcomes by kind",
        ["phase", "outcome", "requests"],
        [.. report.Phases.SelectMany(p => p.Summary.Outcomes.Select(kv =>
            (IReadOnlyList<string>)[p.Summary.Name, kv.Key, Int(kv.Value)]))]);

    private static ReportTable? Usage(RunReport report) => !report.Phases.Any(p => p.Usage.Count > 0) ? null : new(
        "Processes during each phase",
        ["phase", "process", "CPU (cores)", "allocated / request", "allocated / token", "working set", "managed heap"],
        [.. report.Phases.SelectMany(p => p.Usage.Select(u => (IReadOnlyList<string>)
        [
            p.Summary.Name, u.Process, Number(u.CpuCores), Bytes(u.AllocatedBytesPerRequest), Bytes(u.AllocatedBytesPerToken),
            $"{Number(u.WorkingSetMb)} MB", $"{Number(u.ManagedHeapMb)} MB",
        ]))],
        $"CPU in cores busy; this machine has {Environment.ProcessorCount}. A harness near a full core is a saturated client. "
        + "Allocations are everything the process allocated during the phase (for the harness, its own sampling too) over its "
        + "requests and tokens.");

    private static ReportTable MemorySlopes(MemoryPerStreamResult memory)
    {
        // The reading after the idle timeouts is opt-in (memory.after_idle): its column only when it was taken.
        var idleRead = memory.Slopes.Any(s => s.HeapAfterIdleDeltaBytes is not null);
        return new(
            "Memory per open stream",
            [
                "process", "heap per stream (slope)", "working set per stream (slope)", "heap after release − baseline",
                .. idleRead ? ["heap after idle timeouts − baseline"] : Array.Empty<string>(), "readings (held: heap)",
            ],
            [.. memory.Slopes.Select(s => (IReadOnlyList<string>)
            [
                s.Process, Bytes(s.HeapBytesPerStream), Bytes(s.WorkingSetBytesPerStream), Bytes(s.HeapAfterReleaseDeltaBytes),
                .. idleRead ? [s.HeapAfterIdleDeltaBytes is { } idle ? Bytes(idle) : "n/a"] : Array.Empty<string>(),
                Readings(memory, s.Process),
            ])],
            memory.Method);
    }

    private static string Readings(MemoryPerStreamResult memory, string process) =>
        string.Join(", ", memory.Steps.Where(m => m.Process == process).Select(m => $"{m.HeldStreams}: {Bytes(m.ManagedHeapBytes)}"));

    private static string Measured(Threshold threshold, double value) =>
        threshold.Unit == "ms" ? Ms(value) : $"{Number(value)} {threshold.Unit}";

    public static string Ms(double value) => value.ToString(value >= 100 ? "0.0" : "0.###", CultureInfo.InvariantCulture) + " ms";

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1048576 => (bytes / 1048576).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
