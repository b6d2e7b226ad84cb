using StreamingHarness.Hosting.Sockets;
using StreamingHarness.FakeOllama.Hosting;

InlineSocketCompletions.PreferUnlessConfigured();
return await FakeCommand.Create().Parse(args).InvokeAsync();
