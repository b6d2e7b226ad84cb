using StreamingHarness.LoadTests.Cli;

return await LoadTestCommand.InvokeAsync(args, CancellationToken.None).ConfigureAwait(false);
