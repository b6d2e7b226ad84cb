namespace StreamingHarness.Harness.Verify;

/// <summary>One case of the catalogue: the fake's scenario selected for it and the rule the service is held to.</summary>
internal sealed record VerifyCase(string Name, string Scenario, VerdictRule Rule);
