// Most tests here run real Kestrel servers and sockets: at most two test classes at once, whatever the machine's core
// count, so that a many-core CI box does not open dozens of servers and streams that starve each other's timers.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

namespace StreamingHarness.FakeOllama.Tests;
