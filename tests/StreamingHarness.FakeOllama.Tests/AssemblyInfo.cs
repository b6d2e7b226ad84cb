namespace StreamingHarness.FakeOllama.Tests;
