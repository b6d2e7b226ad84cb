namespace StreamingHarness.Protocol.Tests;
