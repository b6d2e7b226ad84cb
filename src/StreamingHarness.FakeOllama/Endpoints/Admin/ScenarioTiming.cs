using System.Globalization;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>A scenario's pacing in one line, as the console's scenario list shows it ("first token 200 ms, 25 tok/s").</summary>
internal static class ScenarioTiming
{
    public static string Describe(Scenario scenario)
    {
        var parts = new List<string>();
        if (scenario.LoadMs > 0)
        {
            parts.Add(Invariant($"load {scenario.LoadMs} ms"));
        }

        parts.Add(Invariant($"first token {scenario.FirstTokenMs} ms"));
        parts.Add(scenario switch
        {
            { InterTokenMs: { } gap } => Invariant($"{gap} ms between tokens"),
            { TokensPerSecond: > 0 } => Invariant($"{scenario.TokensPerSecond} tok/s"),
            _ => "tokens as fast as possible",
        });
        if (scenario.JitterMs > 0)
        {
            parts.Add(Invariant($"jitter ±{scenario.JitterMs} ms"));
        }

        if (scenario.PauseAfterTokens is { } pause)
        {
            parts.Add(Invariant($"pauses after {pause} tokens until released"));
        }

        if (scenario.TimeScale != 1)
        {
            parts.Add(Invariant($"time scale ×{scenario.TimeScale}"));
        }

        return string.Join(", ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
