using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.Relay.A2a;

/// <summary>The A2A agent the relay serves (<c>Relay:A2A</c>): its card, its default model and its task store's bounds.</summary>
public sealed class A2aOptions
{
    /// <summary>The model a task runs on; a message's <c>metadata.model</c> overrides it. Default <c>llama3.2</c>.</summary>
    [Required, MinLength(1)]
    public string Model { get; set; } = "llama3.2";

    /// <summary>The agent's name on its card. Default <c>streaming-relay</c>.</summary>
    [Required, MinLength(1)]
    public string Name { get; set; } = "streaming-relay";

    /// <summary>The agent's description on its card.</summary>
    [Required]
    public string Description { get; set; } = "Streams an Ollama model's answer as A2A task events.";

    /// <summary>Most tasks kept for <c>GetTask</c>/<c>CancelTask</c>; the oldest go first. Default 10,000; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxTasks { get; set; } = 10_000;

    /// <summary>How long a task is kept after it was created. Default 1 h; 1 s to 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TaskRetention { get; set; } = TimeSpan.FromHours(1);
}
