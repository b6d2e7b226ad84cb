using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Keys matched as <see cref="Protocol.Json.ProtocolJson"/> matches them, so both reads of a body agree.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PromptMessages))]
[JsonSerializable(typeof(PromptField))]
[JsonSerializable(typeof(EmbedInputField))]
internal sealed partial class BodyTextJsonContext : JsonSerializerContext;
