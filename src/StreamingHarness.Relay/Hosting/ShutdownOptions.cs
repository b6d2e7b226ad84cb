using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.Hosting;

/// <summary>What the relay does on SIGTERM (<c>Relay:Shutdown</c>); deploy/kubernetes/README.md sets the pod to match.</summary>
public sealed class ShutdownOptions
{
    /// <summary>
    /// How long streams in flight may run on after SIGTERM; each still open then ends with its protocol's terminal error
    /// (<c>shutting_down</c>). Default 20 s, inside Kubernetes' default 30 s grace period; 0 to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
