namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// The fake's own routes, under <c>/__</c> so they never clash with Ollama's. The fake maps them and the harness (and
/// any console or script) calls them from these paths; the shapes they answer with are the types of this folder.
/// </summary>
public static class FakeAdminRoutes
{
    /// <summary>Every route below it answers loopback clients only, unless the fake runs with <c>--admin-any-host</c>.</summary>
    public const string Prefix = "/__fake";

    /// <summary><c>GET</c>: every scenario (<see cref="ScenarioSummary"/>); <c>POST</c>: add or replace one.</summary>
    public const string Scenarios = Prefix + "/scenarios";

    /// <summary><c>GET|PUT|DELETE</c>: the scenario answering requests that name none (<see cref="ActiveScenarioResponse"/>).</summary>
    public const string ActiveScenario = Prefix + "/active-scenario";

    /// <summary><c>POST</c>: clears the journal and the fault counters (<see cref="ResetResponse"/>).</summary>
    public const string Reset = Prefix + "/reset";

    /// <summary><c>GET</c>: every request the fake answered (<see cref="JournalRecord"/>s); <c>DELETE</c>: forget them.</summary>
    public const string Journal = Prefix + "/journal";

    /// <summary><c>POST</c>: lets paused streams go on (<see cref="ReleaseResponse"/>).</summary>
    public const string Release = Prefix + "/release";
}
