using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// Every case <c>verify</c> knows, in the order it runs them: <c>healthy</c> first, one per built-in fault scenario
/// of <c>scenarios/</c> (selected by name on the fake), then the client's own behaviours. The rule table of docs/verify.md is
/// <see cref="Describe"/>, one line per case.
/// </summary>
internal static class VerifyCatalog
{
    public const string Healthy = "healthy";
    public const string ClientDisconnect = "client-disconnect";
    public const string ConcurrentHealthy = "concurrent-healthy";
    public const string Incremental = "incremental";
    public const string SlowReader = "slow-reader";

    /// <summary>How many tokens the client takes before it leaves in <c>client-disconnect</c>.</summary>
    public const int TokensBeforeLeaving = 3;

    /// <summary>Streams opened at once in <c>concurrent-healthy</c>.</summary>
    public const int ConcurrentStreams = 32;

    /// <summary>How soon after the client left the fake must see the upstream request end.</summary>
    public static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<VerifyCase> All { get; } =
    [
        new(Healthy, VerifyScenarios.Healthy, VerdictRule.Whole),
        new(Incremental, VerifyScenarios.Incremental, VerdictRule.Whole),
        .. FaultCases(),
        new(ClientDisconnect, VerifyScenarios.Long, VerdictRule.ClientLeaves),
        new(ConcurrentHealthy, VerifyScenarios.Healthy, VerdictRule.Concurrent),
        new(SlowReader, VerifyScenarios.SlowReader, VerdictRule.Backpressure),
    ];

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    /// <summary>The cases named in <paramref name="list"/> (comma-separated), in catalogue order; all when null.</summary>
    public static IReadOnlyList<VerifyCase> Select(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return All;
        }

        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.Where(n => All.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException(
                $"--cases: unknown case{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)} (known: {string.Join(", ", Names)}).");
        }

        return [.. All.Where(c => names.Contains(c.Name))];
    }

    /// <summary>
    /// One case per built-in fault scenario of the catalogue, grouped by the rule its effect calls for; a fault that only
    /// breaks structured output leaves the free text verify asks for untouched, so it has no case. The stall case plays
    /// a stall longer than the built-in one (<see cref="VerifyScenarios.Stall"/>), so that it outlasts the stall bound.
    /// </summary>
    private static IEnumerable<VerifyCase> FaultCases() =>
        FaultCatalog.BuiltInScenarios
            .Select(f => (Fault: f, Rule: RuleFor(f.Effect)))
            .Where(c => c.Rule is not null)
            .OrderBy(c => c.Rule)
            .Select(c => new VerifyCase(
                c.Fault.Name, c.Fault.Name == FaultCatalog.Stall ? VerifyScenarios.Stall : c.Fault.Name, c.Rule!.Value));

    private static VerdictRule? RuleFor(FaultEffect effect) => effect switch
    {
        FaultEffect.Harmless => VerdictRule.Whole,
        FaultEffect.Truncates => VerdictRule.CutShort,
        FaultEffect.Stalls => VerdictRule.Stall,
        FaultEffect.CorruptsLine => VerdictRule.BadLine,
        FaultEffect.FailsBeforeTokens => VerdictRule.ErrorOrWhole,
        _ => null,
    };

    /// <summary>The rule in one line, as the reports and docs/verify.md state it.</summary>
    public static string Describe(VerdictRule rule) => rule switch
    {
        VerdictRule.Whole => "the whole text, in order, then a clean end; every token within --max-added-delay of the upstream "
            + "sending it, in about as many bursts as it was sent",
        VerdictRule.CutShort => "an explicit failure (error event or line, error status, aborted connection, no terminal); "
            + "the text before it is the upstream's, in order; a clean end is silent truncation",
        VerdictRule.Stall => "an explicit failure within --stall-bound of the silence; waiting longer fails",
        VerdictRule.BadLine => "an explicit failure with the upstream's text so far, or a clean end with the rest of the text intact "
            + "(only the bad token skipped or replaced)",
        VerdictRule.ErrorOrWhole => "an error the client can see, or a clean end with the whole text (retries allowed, nothing duplicated)",
        VerdictRule.ClientLeaves =>
        $"after the client leaves at token {TokensBeforeLeaving}, the fake's journal shows the upstream request ended "
        + $"within {CancelBound.TotalSeconds:0} s",
        VerdictRule.Backpressure => $"the client reads {SlowReaderCase.TokensBeforePause} tokens, then pauses while the upstream "
            + "sends a large answer fast: the upstream could not write much more than the client read (within the kernel's socket "
            + "buffers), or the stream ends with an explicit error; the text after the pause is intact",
        _ => $"{ConcurrentStreams} streams at once, every one with the whole text and a clean end",
    };
}
