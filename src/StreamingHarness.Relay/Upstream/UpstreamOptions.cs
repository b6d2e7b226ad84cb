using System.ComponentModel.DataAnnotations;
using StreamingHarness.Client;

namespace StreamingHarness.Relay.Upstream;

/// <summary>Where Ollama is and how long each phase of talking to it may take. Each timeout has its own error code.</summary>
public sealed class UpstreamOptions
{
    /// <summary>
    /// The upstream's base address. Default <c>http://127.0.0.1:11434</c>. With <see cref="Protocol"/> <c>openai</c>, the
    /// OpenAI base URL including <c>/v1</c>, as OpenAI SDKs take it (<c>https://api.openai.com/v1</c>).
    /// </summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:11434");

    /// <summary>
    /// What the upstream speaks: <c>ollama</c> (default), or <c>openai</c> for any OpenAI-compatible chat-completions
    /// server, which the relay then serves to Ollama clients as if it were Ollama (docs/relay.md).
    /// </summary>
    public UpstreamProtocol Protocol { get; set; }

    /// <summary>Sent to the upstream as <c>Authorization: Bearer</c> when set. Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>TCP connect, per attempt. A failure is <c>upstream_unavailable</c> (retried). Default 5 s; 100 ms to 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Request sent → first token, per attempt: covers queueing, model load and prompt evaluation, which can take
    /// minutes, hence the generous default. <c>first_token_timeout</c> (504 before the first token). Default 5 min; 1 s to 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest silence between two upstream lines once tokens flow. <c>idle_timeout</c>. Default 30 s; 100 ms to 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whole stream, retries included. <c>total_timeout</c>. Default 30 min; 1 s to 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Longest upstream ndjson line; longer is <c>upstream_protocol</c>. Default 8 MiB (Go's client limit); 1 KiB to 64 MiB.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// When true, a line that is not a valid Ollama chunk is skipped and counted (metric
    /// <c>relay_upstream_malformed_lines_total</c>) instead of failing the stream with <c>upstream_protocol</c>. Default false.
    /// </summary>
    public bool SkipMalformedLines { get; set; }

    /// <summary>
    /// The pass-through's calls that answer at once (tags, version, ps, show, embed, embeddings) are forwarded with this
    /// timeout, unlike a generation; past it the client gets a 502. Default 10 s; 100 ms to 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>GET /readyz</c> probes <c>/api/version</c> with this timeout. Default 2 s; 100 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
