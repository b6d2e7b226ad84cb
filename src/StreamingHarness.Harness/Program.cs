using StreamingHarness.Hosting.Sockets;
using StreamingHarness.Harness.Cli;

InlineSocketCompletions.PreferUnlessConfigured();
return await LoadTestCommand.InvokeAsync(args, CancellationToken.None).ConfigureAwait(false);
