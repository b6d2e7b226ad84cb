namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// "Added by the service" for one phase: of its successful requests, how many were joined to the fake's journal
/// (<see cref="ServiceJoin"/>), their added TTFT and every token's added delay (ms), and the bursts per request
/// against the tokens per request (equal when the service delivers every token on its own).
/// </summary>
internal sealed record AddedByService(
    long Requests, long Joined, Percentiles AddedTtft, Percentiles AddedDelay, double BurstsPerRequest, double TokensPerRequest);
