namespace StreamingHarness.Harness.Tests.Verify.Gateways;

/// <summary>The OpenAI Responses profile.</summary>
public sealed class ResponsesProfileVerifyTests() : TypedProfileVerifyTests("responses");
