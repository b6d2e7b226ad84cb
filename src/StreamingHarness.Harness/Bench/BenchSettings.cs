namespace StreamingHarness.Harness.Bench;

/// <summary>What one side-by-side run does (see <c>Cli/BenchCommand</c> for each option's meaning and default).</summary>
internal sealed record BenchSettings(
    int Tokens,
    int UnpacedStreams,
    int UnpacedRounds,
    int PacedStreams,
    int IntervalMs,
    string? AimockCli,
    string ReportsDirectory,
    bool ColdOnly = false,
    bool CapacityOnly = false,
    bool RelayOnly = false,
    string? RelayBaselineDll = null,
    string? CompareFakeDll = null,
    bool FakesOnly = false);
