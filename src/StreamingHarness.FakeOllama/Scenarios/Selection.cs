namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>The scenario that answers a request, and the model entry it answers as.</summary>
internal sealed record Selection(Scenario Scenario, ModelSpec Model);
