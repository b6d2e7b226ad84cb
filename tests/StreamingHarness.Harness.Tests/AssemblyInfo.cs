namespace StreamingHarness.Harness.Tests;
