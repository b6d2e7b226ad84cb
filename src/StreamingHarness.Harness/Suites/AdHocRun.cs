using System.Globalization;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// A run that chose no suite starts from the default suite's settings, but is named and described after what it runs:
/// the protocol (the profile when one replaces the target's own), the model(s) and the host, so that its report says
/// what ran (<c>relay-llama3.2</c>, <c>openai-gpt-4o-api.example.com</c>) and not "smoke".
/// </summary>
internal static class AdHocRun
{
    public static string Name(SuiteDefinition suite)
    {
        var host = Uri.TryCreate(suite.Url, UriKind.Absolute, out var uri) ? "-" + uri.Host : "";
        return $"{Protocol(suite)}-{Models(suite, "+")}{host}";
    }

    public static string Description(SuiteDefinition suite)
    {
        var what = suite.Profile is not null ? $"Profile {Protocol(suite)}" : suite.Target switch
        {
            "relay" => "The relay's SSE",
            "relay-ollama" => "The relay's ndjson pass-through",
            "fake" => "The fake's ndjson",
            "openai" => "OpenAI SSE",
            _ => "Ollama ndjson",
        };
        var where = suite.Url is { } url ? $"at {url}"
            : TargetKinds.Parse(suite.Target).NeedsRelay() ? "on the relay and fake Ollama the harness starts"
            : "on the fake Ollama the harness starts";
        var text = $"{what} {where}, model {Models(suite, ", ")}: {Load(suite.Load)}; "
            + $"{suite.Duration} measured after {suite.Warmup} of warm-up";
        if (suite.Memory.HoldStreams.Count > 0)
        {
            text += $"; memory per open stream at {string.Join(", ", suite.Memory.HoldStreams)} held streams";
        }

        return text + (suite.Thresholds.Count > 0 ? $"; thresholds {string.Join(", ", suite.Thresholds)}." : ".");
    }

    /// <summary>The profile when one is given (a YAML profile by its file name), else the target.</summary>
    private static string Protocol(SuiteDefinition suite) =>
        suite.Profile is { } profile ? Path.GetFileNameWithoutExtension(profile) : suite.Target;

    private static string Models(SuiteDefinition suite, string separator) =>
        suite.Mix.Count > 0 ? string.Join(separator, suite.Mix.Select(m => m.Model)) : suite.Model;

    private static string Load(LoadDefinition load) => load.Kind switch
    {
        "ramp" => $"{string.Join(", ", load.Steps)} concurrent streams, {load.StepDuration} each",
        "open" => string.Create(CultureInfo.InvariantCulture, $"{load.Rate} arrivals/s (Poisson)")
            + (load.MaxConcurrency is { } max ? $", at most {max} at once" : ""),
        _ => $"{load.Concurrency} concurrent streams",
    };
}
