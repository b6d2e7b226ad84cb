using StreamingHarness.Harness.Cli;
using StreamingHarness.Protocol.Hosting;

InlineSocketCompletions.PreferUnlessConfigured();
return await LoadTestCommand.InvokeAsync(args, CancellationToken.None).ConfigureAwait(false);
