namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// One entry of <see cref="FaultCatalog"/>: a fault a scenario's <c>faults:</c> list can name (<see cref="IsKind"/>), or a
/// built-in scenario that plays one in a framing of its own, and whether <c>scenarios/</c> ships a scenario of its name.
/// </summary>
public sealed record FaultKind(string Name, FaultEffect Effect, bool IsKind = true, bool HasBuiltInScenario = true);
