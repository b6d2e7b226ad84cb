// Each test starts a browser and a server: one test class at a time keeps a small CI machine responsive.
[assembly: CollectionBehavior(MaxParallelThreads = 1)]

namespace StreamingHarness.Console.Tests;
