using StreamingHarness.Hosting.Sockets;
using StreamingHarness.Relay.Hosting;

// After Build: WebApplicationFactory stops this program there, so a test hosting the relay keeps its own setting.
return await RelayHost.RunAsync(args, Console.Error, InlineSocketCompletions.PreferUnlessConfigured);

/// <summary>The relay's entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
