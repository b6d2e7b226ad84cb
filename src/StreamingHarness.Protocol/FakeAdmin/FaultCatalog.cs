namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// The one list of the fake's fault names. The fake's scenario reader knows exactly these kinds, <c>scenarios/</c>
/// ships a scenario of each built-in name, <c>verify</c> runs a case per built-in scenario by its
/// <see cref="FaultEffect"/>, and the tables of docs/faults.md and scenarios/README.md list them (tests hold all four
/// to this list).
/// </summary>
public static class FaultCatalog
{
    public const string SlowFirstToken = "slow-first-token";
    public const string SlowTokens = "slow-tokens";
    public const string Stall = "stall";
    public const string EarlyHeaders = "early-headers";
    public const string Trickle = "trickle";
    public const string ColdStart = "cold-start";
    public const string MalformedLine = "malformed-line";
    public const string SchemaViolation = "schema-violation";
    public const string InvalidJson = "invalid-json";
    public const string BlankLines = "blank-lines";
    public const string TornLine = "torn-line";
    public const string EarlyEof = "early-eof";
    public const string AfterDone = "after-done";
    public const string WrongTypes = "wrong-types";
    public const string EmptyChunks = "empty-chunks";
    public const string HugeLine = "huge-line";
    public const string BadUtf8 = "bad-utf8";
    public const string WrongContentType = "wrong-content-type";
    public const string Disconnect = "disconnect";
    public const string AbruptClose = "abrupt-close";
    public const string DropBeforeHeaders = "drop-before-headers";
    public const string ErrorMidstream = "error-midstream";

    /// <summary>A scenario, not a kind: <see cref="ErrorMidstream"/> as <c>/v1/chat/completions</c> shows it.</summary>
    public const string SilentTruncation = "silent-truncation";

    public const string Http500 = "http-500";
    public const string Overloaded503 = "overloaded-503";
    public const string RateLimited429 = "rate-limited-429";
    public const string HttpError = "http-error";
    public const string LegacyError = "legacy-error";
    public const string FlakyThenOk = "flaky-then-ok";

    /// <summary>Every entry, in the order the docs list them.</summary>
    public static IReadOnlyList<FaultKind> All { get; } =
    [
        new(SlowFirstToken, FaultEffect.Harmless),
        new(SlowTokens, FaultEffect.Harmless),
        new(Stall, FaultEffect.Stalls),
        new(EarlyHeaders, FaultEffect.Harmless),
        new(Trickle, FaultEffect.Harmless),
        new(ColdStart, FaultEffect.Harmless),
        new(MalformedLine, FaultEffect.CorruptsLine),
        new(SchemaViolation, FaultEffect.BreaksStructuredOutput),
        new(InvalidJson, FaultEffect.BreaksStructuredOutput),
        new(BlankLines, FaultEffect.Harmless),
        new(TornLine, FaultEffect.Truncates),
        new(EarlyEof, FaultEffect.Truncates),
        new(AfterDone, FaultEffect.CorruptsLine),
        new(WrongTypes, FaultEffect.CorruptsLine),
        new(EmptyChunks, FaultEffect.Harmless),
        new(HugeLine, FaultEffect.CorruptsLine),
        new(BadUtf8, FaultEffect.CorruptsLine),
        new(WrongContentType, FaultEffect.Harmless),
        new(Disconnect, FaultEffect.Truncates),
        new(AbruptClose, FaultEffect.Truncates),
        new(DropBeforeHeaders, FaultEffect.FailsBeforeTokens),
        new(ErrorMidstream, FaultEffect.Truncates),
        new(SilentTruncation, FaultEffect.Truncates, IsKind: false),
        new(Http500, FaultEffect.FailsBeforeTokens),
        new(Overloaded503, FaultEffect.FailsBeforeTokens),
        new(RateLimited429, FaultEffect.FailsBeforeTokens),
        new(HttpError, FaultEffect.FailsBeforeTokens, HasBuiltInScenario: false),
        new(LegacyError, FaultEffect.FailsBeforeTokens),
        new(FlakyThenOk, FaultEffect.FailsBeforeTokens),
    ];

    /// <summary>The names a scenario's <c>faults:</c> entry may give as its <c>kind</c>.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [.. All.Where(f => f.IsKind).Select(f => f.Name)];

    /// <summary>The fault scenarios <c>scenarios/</c> ships, each also served as a model of its name.</summary>
    public static IReadOnlyList<FaultKind> BuiltInScenarios { get; } = [.. All.Where(f => f.HasBuiltInScenario)];
}
