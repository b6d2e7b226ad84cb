namespace StreamingHarness.Harness.Measurement;

/// <summary>Per-request objectives for goodput: a request counts when it succeeded and met every one that is set.</summary>
internal sealed record ServiceLevelObjectives(double? TtftMs = null, double? TpotMs = null, double? E2eMs = null)
{
    public bool IsEmpty => TtftMs is null && TpotMs is null && E2eMs is null;

    public bool IsMetBy(RequestSample sample) =>
        sample.Outcome.IsOk
        && (TtftMs is not { } ttft || sample.TtftMs <= ttft)
        && (TpotMs is not { } tpot || sample.TpotMs is null || sample.TpotMs <= tpot)
        && (E2eMs is not { } e2e || sample.E2eMs <= e2e);

    public override string ToString() => IsEmpty
        ? "none"
        : string.Join(", ", new[]
        {
            TtftMs is { } a ? $"TTFT ≤ {a} ms" : null,
            TpotMs is { } b ? $"TPOT ≤ {b} ms" : null,
            E2eMs is { } c ? $"E2E ≤ {c} ms" : null,
        }.Where(s => s is not null));
}
