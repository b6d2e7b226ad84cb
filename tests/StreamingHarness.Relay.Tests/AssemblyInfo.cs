namespace StreamingHarness.Relay.Tests;
