using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Suites;

/// <summary>The fake's own view of a phase, from its journal: time to each stream's first line, and its write gaps.</summary>
internal sealed record ServerView(LogHistogram FirstLine, LogHistogram Gaps);
