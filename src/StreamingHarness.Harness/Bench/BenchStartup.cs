namespace StreamingHarness.Harness.Bench;

/// <summary>How long a fresh process took from its start to the first line of its first answer.</summary>
internal sealed record BenchStartup(string Server, double FirstAnswerMilliseconds, string LoadAverage);
