namespace StreamingHarness.FakeOllama.Recording;

/// <summary>The request a recording answered: where it went, for which model, with which prompt and body.</summary>
public sealed record RecordedRequest(string Method, string Path, string Model, string? Prompt, string Body);
