using StreamingHarness.Protocol.Hosting;
using StreamingHarness.Relay.Hosting;

var app = RelayHost.Build(args);

// After Build: WebApplicationFactory stops this program there, so a test hosting the relay keeps its own setting.
InlineSocketCompletions.PreferUnlessConfigured();
app.Run();

/// <summary>The relay's entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
