using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Validation;

/// <summary>What a client may send, and the Ollama options the relay adds when the client does not.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Largest request body; larger is 413. Default 1 MiB; 1 KiB to 64 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Upper bound of <c>max_tokens</c> / <c>options.num_predict</c>. Default 8192; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxTokensLimit { get; set; } = 8192;

    /// <summary>
    /// Ollama options sent when the request does not set them, e.g. <c>Relay__Requests__DefaultOptions__temperature=0.2</c>.
    /// Values are read as numbers or booleans when they parse as such, strings otherwise. Request options win.
    /// </summary>
    public Dictionary<string, string> DefaultOptions { get; set; } = new(StringComparer.Ordinal);
}
