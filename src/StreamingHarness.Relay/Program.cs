using StreamingHarness.Relay.Hosting;

RelayHost.Build(args).Run();

/// <summary>The relay's entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
