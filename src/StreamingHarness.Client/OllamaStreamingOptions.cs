using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Client;

/// <summary>
/// Where Ollama is, which model to ask, and how long each phase of a stream may take. Each timeout has its own
/// <see cref="OllamaStreamException.Code"/>. Validated when the client is built (and at start-up with
/// <c>AddOllamaStreamingChatClient</c>): a bad value names the setting, its value and the allowed range.
/// </summary>
public sealed class OllamaStreamingOptions
{
    /// <summary>Configuration section conventionally bound to these options.</summary>
    public const string SectionName = "Ollama";

    /// <summary>Ollama's address, http or https. Default <c>http://127.0.0.1:11434</c>.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:11434");

    /// <summary>
    /// What <see cref="BaseAddress"/> speaks: <see cref="UpstreamProtocol.Ollama"/> (default), or
    /// <see cref="UpstreamProtocol.OpenAi"/> for an OpenAI-compatible server, whose base address then includes
    /// <c>/v1</c> as OpenAI SDKs take it. The events and failures are the same either way.
    /// </summary>
    public UpstreamProtocol Protocol { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> on every request when set. Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model asked when <c>ChatOptions.ModelId</c> does not name one. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? Model { get; set; }

    /// <summary>
    /// Model for <c>/api/embed</c> when <c>EmbeddingGenerationOptions.ModelId</c> names none. Default: <see cref="Model"/>.
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// TCP connect, per attempt, on the client's own socket handler (an <see cref="HttpClient"/> you supply keeps
    /// its handler's). <c>upstream_unavailable</c> (retried). Default 5 s; 100 ms to 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Request sent → first token, per attempt: covers queueing, model load and prompt evaluation, which can take
    /// minutes for a cold model, hence the generous default. <c>first_token_timeout</c>. Default 5 min; 100 ms to 1 h;
    /// at most <see cref="TotalTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest silence between two lines once tokens flow. <c>idle_timeout</c>. Default 30 s; 100 ms to 1 h; at most
    /// <see cref="TotalTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whole request, retries included. <c>total_timeout</c>. Default 30 min; 1 s to 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Retries after the first attempt, before the first token only, for no answer at all (refused, reset, connect
    /// timeout), 5xx and 429: exponential backoff with jitter from <see cref="RetryBaseDelay"/>, Ollama's
    /// <c>Retry-After</c> waited out when it is at most <see cref="MaxRetryAfter"/>. Nothing is retried once a token
    /// arrived, so nothing is ever duplicated. Default 2; 0 to 10.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// First backoff, doubled for each further retry, with jitter. Default 200 ms; 0 to 1 min; at most <see cref="RetryMaxDelay"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on one backoff. Default 5 s; 0 to 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest <c>Retry-After</c> waited out; a longer one fails at once with it in <see cref="OllamaStreamException.RetryAfter"/>. Default
    /// 10 s; 0 to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest line; longer is <c>upstream_protocol</c>. Default 8 MiB (Go's client limit); 1 KiB to 64 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Skip a line that is not a valid chunk instead of failing with <c>upstream_protocol</c>. Default false.</summary>
    public bool SkipMalformedLines { get; set; }

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
