using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Client;

/// <summary>
/// Where Ollama is (<see cref="OllamaConnectionOptions"/>, which the relay binds for its upstream too), which model to
/// ask, and how long each phase of a stream may take. Each timeout has its own
/// <see cref="OllamaStreamException.Code"/>. Validated when the client is built (and at start-up with
/// <c>AddOllamaStreamingChatClient</c>): a bad value names the setting, its value and the allowed range.
/// </summary>
public sealed class OllamaStreamingOptions : OllamaConnectionOptions
{
    /// <summary>Configuration section conventionally bound to these options.</summary>
    public const string SectionName = "Ollama";

    /// <summary>Model asked when <c>ChatOptions.ModelId</c> does not name one. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? Model { get; set; }

    /// <summary>
    /// Model for <c>/api/embed</c> when <c>EmbeddingGenerationOptions.ModelId</c> names none. Default: <see cref="Model"/>.
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// Prompts shorter than this many characters (all messages together) are sent with <c>stream:false</c> and come
    /// back as one update; longer ones stream. 0 streams everything. Default 0; 0 to 100,000,000.
    /// </summary>
    [Range(0, 100_000_000)]
    public int StreamingThreshold { get; set; }

    /// <summary>
    /// Above 0: tokens arriving within this window are merged into one update (50 ms suits a terminal UI). Default 0
    /// (every token on its own); 0 to 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan CoalesceWindow { get; set; }

    /// <summary>
    /// Most tokens one merged update may hold: a full buffer is emitted before its window closes, so memory stays
    /// bounded however fast the model. (The socket is only read when you ask for the next update, so a slow consumer
    /// slows the server through TCP rather than filling memory.) Default 256; 1 to 1,000,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxBufferedTokens { get; set; } = 256;

    /// <summary>A copy, so a client keeps the settings it was built with.</summary>
    internal OllamaStreamingOptions Clone() => (OllamaStreamingOptions)MemberwiseClone();
}
