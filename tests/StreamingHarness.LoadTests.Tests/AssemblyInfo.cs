namespace StreamingHarness.LoadTests.Tests;
