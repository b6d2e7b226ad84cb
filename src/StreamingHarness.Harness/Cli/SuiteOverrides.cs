using System.CommandLine;
using System.Globalization;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Cli;

/// <summary>Applies the options given on the command line over the chosen suite; options left out keep the suite's values.</summary>
internal static class SuiteOverrides
{
    public static SuiteDefinition Apply(SuiteDefinition suite, ParseResult parse, CliOptions o)
    {
        var s = suite.Clone();
        Set(parse.GetValue(o.Url), v => s.Url = v);
        Set(parse.GetValue(o.Target), v => s.Target = v);
        Set(parse.GetValue(o.Profile), v => s.Profile = v);
        Set(parse.GetValue(o.Model), v => { s.Model = v; s.Mix = []; });
        Set(parse.GetValue(o.Prompt), v => s.Prompt = v);
        Set(parse.GetValue(o.MaxTokens), v => s.MaxTokens = v);
        Set(parse.GetValue(o.Seed), v => s.Seed = v);
        Set(parse.GetValue(o.Concurrency), v => { s.Load.Kind = "closed"; s.Load.Concurrency = v; });
        Set(parse.GetValue(o.Ramp), v => { s.Load.Kind = "ramp"; s.Load.Steps = IntList(v, "--ramp"); });
        Set(parse.GetValue(o.StepDuration), v => s.Load.StepDuration = v);
        Set(parse.GetValue(o.Rate), v => { s.Load.Kind = "open"; s.Load.Rate = v; });
        Set(parse.GetValue(o.MaxConcurrency), v => s.Load.MaxConcurrency = v);
        Set(parse.GetValue(o.Duration), v => s.Duration = v);
        Set(parse.GetValue(o.Warmup), v => s.Warmup = v);
        Set(parse.GetValue(o.MaxRequests), v => s.MaxRequests = v);
        Set(parse.GetValue(o.Drain), v => s.Drain = v);
        Set(parse.GetValue(o.TimeoutHeaders), v => s.Timeouts.Headers = v);
        Set(parse.GetValue(o.TimeoutFirstToken), v => s.Timeouts.FirstToken = v);
        Set(parse.GetValue(o.TimeoutIdle), v => s.Timeouts.Idle = v);
        Set(parse.GetValue(o.TimeoutTotal), v => s.Timeouts.Total = v);
        Set(parse.GetValue(o.ExpectedItl), v => s.ExpectedItlMs = v);
        Set(parse.GetValue(o.SloTtft), v => s.Slo.TtftMs = v);
        Set(parse.GetValue(o.SloTpot), v => s.Slo.TpotMs = v);
        Set(parse.GetValue(o.SloE2e), v => s.Slo.E2eMs = v);
        if (parse.GetValue(o.Thresholds) is { Length: > 0 } thresholds)
        {
            s.Thresholds = [.. thresholds];
        }

        Set(parse.GetValue(o.TimeScale), v => s.TimeScale = v);
        Set(parse.GetValue(o.HoldStreams), v => s.Memory.HoldStreams = IntList(v, "--hold-streams"));
        Set(parse.GetValue(o.LongStreamTokens), v => s.Memory.LongStreamTokens = v);
        if (parse.GetValue(o.NoMemory))
        {
            s.Memory.Sample = false;
            s.Memory.HoldStreams = [];
            s.Memory.LongStreamTokens = 0;
        }

        if (parse.GetValue(o.Compare))
        {
            s.Compare = true;
        }

        if (parse.GetResult(o.Suite) is not { Implicit: false } && parse.GetValue(o.SuiteFile) is null)
        {
            s.Name = AdHocRun.Name(s);
            s.Description = AdHocRun.Description(s);
        }

        Set(parse.GetValue(o.Name), v => s.Name = v);
        return s;
    }

    private static void Set<T>(T? value, Action<T> apply)
        where T : class
    {
        if (value is not null)
        {
            apply(value);
        }
    }

    private static void Set<T>(T? value, Action<T> apply)
        where T : struct
    {
        if (value is { } v)
        {
            apply(v);
        }
    }

    private static List<int> IntList(string text, string option)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new FormatException($"{option}: '{part}' is not a positive whole number (write e.g. 1,8,32).");
            }

            values.Add(n);
        }

        return values.Count > 0 ? values : throw new FormatException($"{option}: give at least one number, e.g. 1,8,32.");
    }
}
