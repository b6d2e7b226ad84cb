using StreamingHarness.FakeOllama.Faults;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// One scripted behaviour of the fake: which models it serves, what it answers and how fast.
/// Built in code or read from <c>scenarios/*.yaml</c> (see scenarios/README.md for every field).
/// </summary>
public sealed class Scenario
{
    /// <summary>Chosen by <c>X-Fake-Scenario: name</c>; the scenario also serves a model of this name.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Models listed by <c>/api/tags</c> and answered by this scenario.</summary>
    public IList<ModelSpec> Models { get; init; } = [];

    // ---- What it answers: the first rule that applies wins, in this order. ----

    /// <summary>Answers chosen by matching the prompt (the last user message for chat).</summary>
    public IList<PromptMatch> Matches { get; init; } = [];

    /// <summary>Answers with the prompt itself.</summary>
    public bool Echo { get; init; }

    /// <summary>A fixed answer, split into word-like tokens.</summary>
    public string? Response { get; init; }

    /// <summary>When no <see cref="Response"/> is given: this many tokens generated from the seed.</summary>
    public int Tokens { get; init; } = 16;

    /// <summary>
    /// Thinking text streamed first, for models with the <c>thinking</c> capability (unless the request says think:false).
    /// </summary>
    public string? Thinking { get; init; }

    /// <summary>
    /// Thinking text for a <c>think</c> level (<c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>); a level not listed, and
    /// <c>think:true</c> or unset, use <see cref="Thinking"/>.
    /// </summary>
    public IDictionary<string, string> ThinkingLevels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Tool calls sent after the content on <c>/api/chat</c> and <c>/v1/chat/completions</c> when the request offers tools.
    /// </summary>
    public IList<ToolCallSpec> ToolCalls { get; init; } = [];

    /// <summary>How the tool calls travel (<see cref="ToolCallPath"/>); <c>generate</c> also puts them on <c>/api/generate</c>.</summary>
    public ToolCallPath ToolPath { get; init; } = ToolCallPath.Template;

    /// <summary>
    /// The native path's silent stretch while the calls are generated; null: one inter-token interval per token of the
    /// calls' names and arguments.
    /// </summary>
    public double? ToolSilenceMs { get; init; }

    /// <summary>
    /// With <c>logprobs</c> and <c>top_logprobs</c> ≥ 2: the share of tokens (seeded) that were sampled below the top
    /// alternative, so the chosen token ranks second; 0 keeps it first.
    /// </summary>
    public double LogprobOffTop { get; init; }

    /// <summary>What pulling (or pushing) this scenario's models transfers; null: the defaults of <see cref="PullSpec"/>.</summary>
    public PullSpec? Pull { get; init; }

    /// <summary>Seed used when the request gives no <c>options.seed</c>: the same seed gives the same stream.</summary>
    public long Seed { get; init; }

    // ---- Timing (milliseconds, before the time scale applies). ----

    /// <summary>Model load time before the first token; reported in <c>load_duration</c>.</summary>
    public double LoadMs { get; init; }

    /// <summary>Prompt evaluation time before the first token; reported in <c>prompt_eval_duration</c>.</summary>
    public double FirstTokenMs { get; init; }

    /// <summary>Pace of the tokens after the first. Exclusive with <see cref="InterTokenMs"/>; 0 means as fast as possible.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Delay between tokens. Exclusive with <see cref="TokensPerSecond"/>.</summary>
    public double? InterTokenMs { get; init; }

    /// <summary>Each inter-token delay moves by a seeded uniform amount in [-jitter, +jitter].</summary>
    public double JitterMs { get; init; }

    /// <summary>Multiplies every delay of this scenario (on top of the server's time scale).</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>After this many tokens each stream waits for <c>POST /__fake/release</c> (memory measurements).</summary>
    public int? PauseAfterTokens { get; init; }

    // ---- Scheduling (Ollama's OLLAMA_NUM_PARALLEL and OLLAMA_MAX_QUEUE). ----

    /// <summary>Requests served at once; 0 means unlimited.</summary>
    public int Parallel { get; init; }

    /// <summary>Requests allowed to wait for a slot; beyond it the answer is 503.</summary>
    public int MaxQueue { get; init; } = 512;

    /// <summary>Faults applied to every stream of this scenario, in order.</summary>
    public IList<IStreamFault> Faults { get; init; } = [];

    /// <summary>
    /// A recorded exchange that answers instead of the generated answer: the same bytes with the same timing (under
    /// the time scale), faults layered on by trigger. Null for a scripted scenario.
    /// </summary>
    public Recording.RecordedExchange? Recording { get; init; }

    /// <summary>The YAML file it came from, if any.</summary>
    public string? SourceFile { get; init; }

    private string[]? _responseTokens;
    private string[]? _thinkingTokens;

    internal string[] ResponseTokens => _responseTokens ??= Generation.Tokenizer.Split(Response ?? "");

    internal string[] ThinkingTokens => _thinkingTokens ??= Generation.Tokenizer.Split(Thinking ?? "");

    /// <summary>The thinking tokens for <paramref name="level"/> (null: <c>think:true</c> or unset).</summary>
    internal string[] ThinkingTokensFor(string? level) =>
        level is not null && ThinkingLevels.TryGetValue(level, out var text) ? Generation.Tokenizer.Split(text) : ThinkingTokens;

    /// <summary>Milliseconds between two tokens before jitter.</summary>
    internal double BaseInterTokenMs => InterTokenMs ?? (TokensPerSecond > 0 ? 1000.0 / TokensPerSecond : 0);
}
