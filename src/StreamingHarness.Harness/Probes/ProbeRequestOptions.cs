namespace StreamingHarness.Harness.Probes;

/// <summary>What every request of a run asks for.</summary>
internal sealed record ProbeRequestOptions(
    Uri BaseAddress,
    string Prompt = "Why is the sky blue?",
    int? MaxTokens = null,
    long? Seed = null,
    IReadOnlyDictionary<string, string>? Headers = null);
