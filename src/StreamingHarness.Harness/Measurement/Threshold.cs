using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// A pass/fail rule on a phase, e.g. <c>ttft.p99 &lt; 500ms</c>, <c>itl.p50 &lt;= 25</c> (ms), <c>error_rate &lt; 0.01</c>,
/// <c>tokens_per_s &gt;= 1000</c>. Distributions: ttft, itl, itl_error (|gap − expected_itl_ms|), tpot, e2e, headers, queue_wait,
/// harness_lag, added_ttft and added_delay (what a service in front of the fake adds: <see cref="ServiceJoin"/>) with min, mean, p50, p90,
/// p95, p99, p99.9, max (values in ms; <c>s</c> and <c>ms</c> suffixes accepted). Scalars: error_rate, errors, rps,
/// tokens_per_s, goodput_rps, in_flight_at_end.
/// </summary>
internal sealed partial record Threshold(string Text, string Metric, string? Statistic, string Operator, double Value)
{
    private static readonly string[] Scalars = ["error_rate", "errors", "rps", "tokens_per_s", "goodput_rps", "in_flight_at_end"];

    public static Threshold Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"threshold '{text}': write <metric> <op> <value>, e.g. 'ttft.p99 < 500ms' or 'error_rate <= 0'.");
        }

        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        var statistic = match.Groups["stat"].Success ? match.Groups["stat"].Value.ToLowerInvariant() : null;
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["unit"].Value == "s")
        {
            value *= 1000;
        }

        if (statistic is null ? !Scalars.Contains(metric) : Percentiles.Empty.Get(statistic) is null
            || metric is not ("ttft" or "itl" or "tpot" or "e2e" or "headers" or "queue_wait" or "harness_lag" or "itl_error"
                or "added_ttft" or "added_delay"))
        {
            throw new FormatException(
                $"threshold '{text}': unknown metric. Use one of {string.Join(", ", Scalars)}, or "
                + $"ttft|itl|itl_error|tpot|e2e|headers|queue_wait|harness_lag|added_ttft|added_delay . "
                + "min|mean|p50|p90|p95|p99|p99.9|max.");
        }

        return new Threshold(text.Trim(), metric, statistic, match.Groups["op"].Value, value);
    }

    /// <summary>The unit of <see cref="Measure"/>'s value, for the tables: milliseconds for every distribution.</summary>
    public string Unit => Statistic is not null ? "ms" : Metric switch
    {
        "error_rate" => "of requests",
        "errors" or "in_flight_at_end" => "requests",
        "rps" or "goodput_rps" => "req/s",
        _ => "tokens/s",
    };

    /// <summary>The measured value, or null when the phase has nothing to measure it on (e.g. no successful request).</summary>
    public double? Measure(PhaseSummary phase)
    {
        if (Statistic is not null)
        {
            var distribution = phase.Distribution(Metric)!;
            return distribution.Count == 0 ? null : distribution.Get(Statistic);
        }

        return Metric switch
        {
            "error_rate" => phase.ErrorRate,
            "errors" => phase.Failed,
            "rps" => phase.RequestsPerSecond,
            "tokens_per_s" => phase.TokensPerSecond,
            "goodput_rps" => phase.GoodputPerSecond,
            _ => phase.InFlightAtStop,
        };
    }

    public ThresholdResult Evaluate(PhaseSummary phase)
    {
        var actual = Measure(phase);
        var passed = actual is { } a && Operator switch
        {
            "<" => a < Value,
            "<=" => a <= Value,
            ">" => a > Value,
            ">=" => a >= Value,
            _ => a == Value,
        };
        return new ThresholdResult(Text, phase.Name, actual, passed);
    }

    [GeneratedRegex(
        @"^\s*(?<metric>[a-zA-Z_]+)(\.(?<stat>p99\.9|[a-zA-Z0-9]+))?\s*(?<op><=|>=|<|>|==)\s*(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|s)"
        + @"?\s*$")]
    private static partial Regex Pattern();
}

internal sealed record ThresholdResult(string Threshold, string Phase, double? Actual, bool Passed);
