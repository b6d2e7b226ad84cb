using StreamingHarness.FakeOllama.Hosting;
using StreamingHarness.Protocol.Hosting;

InlineSocketCompletions.PreferUnlessConfigured();
return await FakeCommand.Create().Parse(args).InvokeAsync();
