using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.Native.ChatBody;

/// <summary>Keys matched as <see cref="Protocol.Json.ProtocolJson"/> matches them, so both reads of a body agree.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PromptMessages))]
internal sealed partial class ChatBodyJsonContext : JsonSerializerContext;
