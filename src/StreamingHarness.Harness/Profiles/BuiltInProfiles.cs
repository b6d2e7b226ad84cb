using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// The profiles every run knows by name, and the lookup of <c>--profile &lt;name|file&gt;</c>.
/// Built-ins stay in code rather than YAML under <c>scenarios/profiles/</c>: each checks more than the YAML keys can
/// say (the relay's increasing <c>id:</c>s, Ollama's <c>eval_count</c>, OpenAI's <c>usage</c> chunk, the Responses and
/// Messages event types, A2A's JSON-RPC envelopes and task states), and each wraps
/// the probe the load targets already use, so a built-in profile and a built-in target are one reader, not two.
/// </summary>
internal static class BuiltInProfiles
{
    private static readonly BuiltInProfile[] All =
    [
        new("ollama", "Ollama's native ndjson on /api/chat (for proxies that keep Ollama's API)", o => new NdjsonProbe(o)),
        new("openai", "OpenAI chat completions SSE on /v1/chat/completions, ending in data: [DONE]", o => new OpenAiSseProbe(o)),
        new(
            "responses",
            "OpenAI Responses SSE on /v1/responses (response.* events, ending in response.completed), as Codex CLI speaks it",
            o => TypedEventSseProbe.Responses(o)),
        new(
            "anthropic",
            "Anthropic Messages SSE on /v1/messages (content_block_delta events, ending in message_stop), as Claude Code speaks it",
            o => TypedEventSseProbe.Messages(o)),
        new("relay", "the reference relay's SSE contract on /stream/chat (start, token, done | error)", o => new RelaySseProbe(o)),
        new(
            "a2a",
            "A2A v1.0 JSON-RPC SendStreamingMessage over SSE at --url itself (e.g. the relay's /a2a), as @a2a-js/sdk 1.3.0 speaks it",
            o => new A2aSseProbe(o)),
    ];

    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static IReadOnlyList<BuiltInProfile> Profiles => All;

    public static BuiltInProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A built-in name, or the path of a YAML profile (checked now: a bad file throws <c>file:line: reason</c>).</summary>
    public static IProtocolProfile Resolve(string nameOrFile)
    {
        if (Find(nameOrFile) is { } builtIn)
        {
            return builtIn;
        }

        if (File.Exists(nameOrFile))
        {
            return ProfileFile.Load(nameOrFile);
        }

        var shipped = Path.Combine(Targets.BuildPaths.DataRoot, nameOrFile);
        if (!Path.IsPathRooted(nameOrFile) && File.Exists(shipped))
        {
            return ProfileFile.Load(shipped);
        }

        throw new FormatException(
            $"--profile: '{nameOrFile}' is neither a built-in profile ({string.Join(", ", Names)}) nor an existing YAML file.");
    }
}
