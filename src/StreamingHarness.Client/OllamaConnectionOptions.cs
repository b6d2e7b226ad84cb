using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Client;

/// <summary>
/// Where the upstream is and how each phase of talking to it is bounded: address, protocol, key, the connect,
/// first-token, idle and total deadlines, retries and the line limit. The one type for these settings: the client's
/// <see cref="OllamaStreamingOptions"/> derive from it, and the relay binds it for its upstream
/// (<c>Relay:Upstream</c>), so a range or a rule between two settings is written once, here.
/// </summary>
public class OllamaConnectionOptions
{
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
    /// The rules that involve more than one setting, or more than a range, each as a message naming the setting with
    /// <paramref name="prefix"/> before it (<c>Relay:Upstream:</c> for the relay, nothing for the client).
    /// </summary>
    public IEnumerable<string> Inconsistencies(string prefix = "")
    {
        if (BaseAddress is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{prefix}BaseAddress must be an absolute http:// or https:// address; got '{BaseAddress}'.";
        }

        if (FirstTokenTimeout > TotalTimeout)
        {
            yield return $"{prefix}FirstTokenTimeout ({FirstTokenTimeout}) must not exceed {prefix}TotalTimeout ({TotalTimeout}).";
        }

        if (IdleTimeout > TotalTimeout)
        {
            yield return $"{prefix}IdleTimeout ({IdleTimeout}) must not exceed {prefix}TotalTimeout ({TotalTimeout}).";
        }

        if (RetryBaseDelay > RetryMaxDelay)
        {
            yield return $"{prefix}RetryBaseDelay ({RetryBaseDelay}) must not exceed {prefix}RetryMaxDelay ({RetryMaxDelay}).";
        }
    }
}
