using StreamingHarness.FakeOllama.Hosting;

return await FakeCommand.Create().Parse(args).InvokeAsync();
