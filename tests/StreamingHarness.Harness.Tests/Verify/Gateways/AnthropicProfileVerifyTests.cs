namespace StreamingHarness.Harness.Tests.Verify.Gateways;

/// <summary>The Anthropic Messages profile.</summary>
public sealed class AnthropicProfileVerifyTests() : TypedProfileVerifyTests("anthropic");
