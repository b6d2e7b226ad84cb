using StreamingHarness.Client;
using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Upstream;

/// <summary>
/// The relay's upstream (<c>Relay:Upstream</c>): the client library's <see cref="OllamaConnectionOptions"/> (address,
/// protocol, key, the four deadlines, retries, the line limit: one type, one set of ranges and rules for the client and
/// the relay), plus the two settings that are the relay's own. The keys of earlier versions still bind
/// (<see cref="UpstreamConfigurationAliases"/>).
/// </summary>
public sealed class UpstreamOptions : OllamaConnectionOptions
{
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
