using StreamingHarness.LoadTests.Cli;

return await LoadTestCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
