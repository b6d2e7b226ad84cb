namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One measured line of the side-by-side table: a server (or the harness's probes) in one scenario. CPU is the
/// measured process's user + system time over the run; tokens exclude the done line.
/// </summary>
internal sealed record BenchRow(
    string Scenario,
    string Server,
    int Streams,
    long Tokens,
    double Seconds,
    double TokensPerSecond,
    double CpuMicrosPerToken,
    double RatioToFloor,
    double? TargetRatio,
    bool? Met,
    string Note);
