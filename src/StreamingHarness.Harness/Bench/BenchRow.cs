namespace StreamingHarness.Harness.Bench;

/// <summary>
/// One measured line of the side-by-side table: a server (or the harness's probes) in one scenario. CPU is the
/// measured process's user + system time over the run; tokens exclude the done line. Each row has its ratio to the
/// scenario's floor and, when it has one, to its anchor (the relay's pass-through to YARP tuned, its SSE mode to the
/// raw-socket relay floor); a target applies to the anchor's ratio when there is an anchor, else to the floor's.
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
    string? Anchor,
    double? RatioToAnchor,
    double? TargetRatio,
    bool? Met,
    string LoadAverage,
    string Note);
