using StreamingHarness.FakeOllama.Scenarios;
using YamlDotNet.RepresentationModel;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Reads one entry of a scenario's <c>faults:</c> list into an <see cref="IStreamFault"/>. Below: every fault kind, with
/// its settings and their defaults (what the built-in scenario of the same name uses); scenarios/README.md documents them.
/// Times are in milliseconds before the time scale applies.
/// </summary>
internal static class FaultYamlReader
{
    private static readonly Dictionary<string, Func<YamlMap, YamlNode, IStreamFault>> Kinds = new(StringComparer.Ordinal)
    {
        [FaultCatalog.SlowFirstToken] = (m, _) => new SlowFirstTokenFault(Ms(m, "delay_ms", 5000), Probability(m)),
        [FaultCatalog.SlowTokens] = (m, _) =>
            new SlowTokensFault(Ms(m, "delay_ms", 1000), Ms(m, "jitter_ms", 250), Trigger(m, FaultTrigger.EveryLine)),
        [FaultCatalog.Stall] = (m, n) =>
            new StallFault(Ms(m, "duration_ms", 5000), Enum(m, "then", StallOutcome.Resume), Trigger(m, FaultTrigger.AfterToken(3))),
        [FaultCatalog.EarlyHeaders] = (m, _) => new EarlyHeadersFault(Ms(m, "delay_ms", 3000)),
        [FaultCatalog.Trickle] = (m, _) =>
            new TrickleFault(m.Integer("pieces", 2, 1000) ?? 4, Ms(m, "delay_ms", 100), Trigger(m, FaultTrigger.AfterToken(1))),
        [FaultCatalog.ColdStart] = (m, _) => new ColdStartFault(Ms(m, "load_ms", 3000), Ms(m, "idle_ms", 300_000)),
        [FaultCatalog.MalformedLine] = (m, _) =>
            new MalformedLineFault(m.String("text"), m.Bool("replace") ?? false, Trigger(m, FaultTrigger.AfterToken(2))),
        [FaultCatalog.BlankLines] = (m, _) => new BlankLinesFault(
            m.Integer("blank_lines", 0, 1000) ?? 1,
            m.Bool("whitespace_line") ?? true,
            m.Bool("crlf") ?? true,
            Trigger(m, FaultTrigger.EveryLine)),
        [FaultCatalog.TornLine] = (m, _) =>
            new TornLineFault(m.Number("cut_at", 0.001, 0.999) ?? 0.5, m.Bool("reset") ?? false, Trigger(m, FaultTrigger.AfterToken(3))),
        [FaultCatalog.EarlyEof] = (m, _) => new EarlyEofFault(Trigger(m, FaultTrigger.Once)),
        [FaultCatalog.AfterDone] = (m, _) => new AfterDoneFault(Enum(m, "extra", AfterDoneExtra.Done), m.Integer("count", 1, 1000) ?? 1),
        [FaultCatalog.WrongTypes] = (m, _) =>
            new WrongTypesFault(Enum(m, "mutation", TypeMutation.MissingMessage), Trigger(m, FaultTrigger.AfterToken(2))),
        [FaultCatalog.EmptyChunks] = (m, _) => new EmptyChunksFault(m.Integer("count", 1, 1000) ?? 1, Trigger(m, FaultTrigger.EveryLine)),
        [FaultCatalog.HugeLine] = (m, _) =>
            new HugeLineFault(m.Integer("size_bytes", 1, 1 << 30) ?? 10 * 1024 * 1024, Trigger(m, FaultTrigger.AfterToken(2))),
        [FaultCatalog.BadUtf8] = (m, n) => new BadUtf8Fault(Hex(m, "hex", "C328FF"), Trigger(m, FaultTrigger.AfterToken(2))),
        [FaultCatalog.WrongContentType] = (m, _) =>
            new WrongContentTypeFault(m.String("content_type") ?? "application/json; charset=utf-8"),
        [FaultCatalog.Disconnect] = (m, _) => new DisconnectFault(Trigger(m, FaultTrigger.AfterToken(3))),
        [FaultCatalog.AbruptClose] = (m, _) => new AbruptCloseFault(Trigger(m, FaultTrigger.AfterToken(3))),
        [FaultCatalog.DropBeforeHeaders] = (m, _) => new DropBeforeHeadersFault(m.Bool("reset") ?? false, Probability(m)),
        [FaultCatalog.ErrorMidstream] = (m, _) =>
            new ErrorMidstreamFault(m.String("message") ?? ErrorMidstreamFault.RunnerStopped, Trigger(m, FaultTrigger.AfterToken(3))),
        [FaultCatalog.LegacyError] = (m, _) => new LegacyErrorFault(m.String("message") ?? ErrorMidstreamFault.RunnerStopped),
        [FaultCatalog.Http500] = (m, _) => HttpError(m, FaultCatalog.Http500, 500, HttpErrorFault.RunnerTimeout, null),
        [FaultCatalog.Overloaded503] = (m, _) => HttpError(m, FaultCatalog.Overloaded503, 503, HttpErrorFault.ServerBusy, null),
        [FaultCatalog.RateLimited429] = (m, _) => HttpError(m, FaultCatalog.RateLimited429, 429, HttpErrorFault.TooManyRequests, 2),
        [FaultCatalog.HttpError] = (m, n) => HttpError(
            m,
            "http-error",
            m.Integer("status", 400, 599) ?? throw m.Error(n, "fault 'http-error' needs a 'status'"),
            m.String("message") ?? "error",
            null),
        [FaultCatalog.FlakyThenOk] = (m, n) => new FlakyThenOkFault(Attempts(m, n)),
        [FaultCatalog.SchemaViolation] = (m, _) => new SchemaViolationFault(Probability(m)),
        [FaultCatalog.InvalidJson] = (m, _) => new InvalidJsonFault(Enum(m, "shape", InvalidJsonShape.Truncated), Probability(m)),
    };

    public static IReadOnlyCollection<string> KindNames => Kinds.Keys;

    public static IStreamFault Read(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "a fault");
        var kind = map.String("kind") ?? throw map.Error(node, "a fault needs a 'kind'");
        if (!Kinds.TryGetValue(kind, out var create))
        {
            var known = string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal));
            throw map.Error(node, $"unknown fault kind '{kind}' (known kinds: {known})");
        }

        IStreamFault fault;
        try
        {
            fault = create(map, node);
        }
        catch (ArgumentException ex)
        {
            throw map.Error(node, $"fault '{kind}': {ex.Message}");
        }

        map.RejectUnknownKeys();
        return fault;
    }

    private static FaultTrigger Trigger(YamlMap map, FaultTrigger defaults) => new()
    {
        AfterTokens = map.Integer("after_tokens", 0) ?? defaults.AfterTokens,
        AtMs = map.Number("at_ms", 0) ?? defaults.AtMs,
        Probability = Probability(map),
        Repeat = map.Bool("repeat") ?? defaults.Repeat,
    };

    private static double Probability(YamlMap map) => map.Number("probability", 0, 1) ?? 1;

    private static TimeSpan Ms(YamlMap map, string key, double defaultMs) => TimeSpan.FromMilliseconds(map.Number(key, 0) ?? defaultMs);

    private static HttpErrorFault HttpError(YamlMap map, string kind, int status, string message, int? retryAfter) => new(
        kind, status, map.String("message") ?? message, map.Integer("retry_after_s", 0) ?? retryAfter, Probability(map));

    /// <summary>Kebab-case YAML values (<c>missing-message</c>) to enum members (<c>MissingMessage</c>).</summary>
    private static T Enum<T>(YamlMap map, string key, T defaultValue)
        where T : struct, System.Enum
    {
        if (map.String(key) is not { } text)
        {
            return defaultValue;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(Kebab(value.ToString()), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var known = string.Join(", ", System.Enum.GetValues<T>().Select(v => Kebab(v.ToString())));
        throw map.Error(map.Node(key)!, $"field '{key}' must be one of {known}, not '{text}'");
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) =>
            char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static byte[] Hex(YamlMap map, string key, string defaultHex)
    {
        var text = (map.String(key) ?? defaultHex).Replace(" ", "", StringComparison.Ordinal);
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw map.Error(map.Node(key)!, $"field '{key}' must be bytes in hexadecimal (for example 'C3 28 FF'), not '{text}'");
        }
    }

    /// <summary><c>attempts:</c> a list with one entry per attempt, each a list of faults (<c>[]</c> for a clean answer).</summary>
    private static List<IReadOnlyList<IStreamFault>> Attempts(YamlMap map, YamlNode node)
    {
        var attempts = map.List("attempts");
        if (attempts.Count == 0)
        {
            throw map.Error(
                node,
                "fault 'flaky-then-ok' needs 'attempts': a list with one list of faults per attempt ([] for a clean answer)");
        }

        return [.. attempts.Select(attempt => attempt is YamlSequenceNode faults
            ? (IReadOnlyList<IStreamFault>)[.. faults.Children.Select(f => Read(f, map.File))]
            : throw map.Error(attempt, "each attempt must be a list of faults ([] for a clean answer)"))];
    }
}
