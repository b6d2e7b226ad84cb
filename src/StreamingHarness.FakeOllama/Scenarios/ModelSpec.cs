namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>A model a scenario serves, with what <c>/api/tags</c>, <c>/api/show</c> and <c>/api/ps</c> say about it.</summary>
public sealed class ModelSpec
{
    /// <summary>As a client asks for it: <c>llama3.2</c> also answers <c>llama3.2:latest</c>.</summary>
    public required string Name { get; init; }

    public string Family { get; init; } = "llama";

    public string ParameterSize { get; init; } = "3.2B";

    public string QuantizationLevel { get; init; } = "Q4_K_M";

    /// <summary>Ollama's capability names: completion, tools, thinking, embedding, vision, insert.</summary>
    public IList<string> Capabilities { get; init; } = ["completion"];

    public int ContextLength { get; init; } = 4096;

    /// <summary>Length of the vectors <c>/api/embed</c> returns.</summary>
    public int EmbeddingLength { get; init; } = 384;

    public long SizeBytes { get; init; } = 2_019_393_189;

    /// <summary><c>name:tag</c>, the form <c>/api/tags</c> lists.</summary>
    internal string FullName => ModelNames.Normalize(Name);

    internal bool Can(string capability) => Capabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);
}
