using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// <c>inspect &lt;file or folder&gt;...</c>: the timing profile of recordings (TTFT, ITL distribution, tokens/s), to
/// compare a real model's stream with a synthetic scenario. A corrupt file is reported with its line and reason.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("recordings")
        {
            Description = "Recording files (scenarios/recorded/*.yaml), or folders whose recordings are all inspected.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>(
            "--json") { Description = "Print a JSON array (one object per recording, times in milliseconds) instead of text." };
        var command = new Command(
            "inspect",
            "Show the timing of recorded streams: time to headers, TTFT, ITL (min/p50/p90/p99/max/mean), E2E, TPOT and tokens/s, "
            + "with the definitions of the load harness (a token is a line with content or thinking). A scripted scenario file shows "
            + "the timing its settings promise, for comparison. Exit code 1 if a file cannot be read.")
        {
            paths,
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(json), output, error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool json, TextWriter output, TextWriter error)
    {
        var results = new List<(string File, Scenario Scenario)>();
        var failed = false;
        foreach (var file in Expand(paths, error, ref failed))
        {
            try
            {
                results.Add((file, ScenarioYamlReader.ReadFile(file)));
            }
            catch (ScenarioLoadException ex)
            {
                error.WriteLine($"error: bad recording: {ex.Message}");
                failed = true;
            }
        }

        if (json)
        {
            WriteJson(results, output);
        }
        else
        {
            foreach (var (file, scenario) in results)
            {
                if (scenario.Recording is { } recording)
                {
                    WriteText(file, recording, output);
                }
                else
                {
                    // A scripted scenario: the timing its settings promise, to set beside a recording's measured one.
                    output.WriteLine(file);
                    output.WriteLine($"  scripted   {ScriptedTiming(scenario)}");
                }
            }
        }

        return failed ? 1 : 0;
    }

    private static List<string> Expand(IReadOnlyList<string> paths, TextWriter error, ref bool failed)
    {
        var files = new List<string>();
        foreach (var given in paths)
        {
            var path = given;
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal).Where(IsRecordingFile));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                error.WriteLine($"error: {path}: no such file or folder");
                failed = true;
            }
        }

        return files;
    }

    private static bool IsRecordingFile(string file) =>
        File.ReadLines(file).Any(line => line.StartsWith("recording:", StringComparison.Ordinal));

    private static void WriteText(string file, RecordedExchange recording, TextWriter output)
    {
        var t = RecordingTimings.Of(recording);
        var request = recording.Request;
        output.WriteLine(file);
        output.WriteLine($"  request    {request.Method} {request.Path}, model '{request.Model}'"
            + (recording.RecordedAt is null ? "" : $", recorded {recording.RecordedAt}")
                + (recording.Upstream is null ? "" : $" from {recording.Upstream}")
            + (recording.Redacted ? " (redacted)" : ""));
        output.WriteLine($"  response   {(recording.Status == 0 ? "no response" : $"{recording.Status} {recording.ContentType}")}, "
            + $"{t.Lines} lines, {t.Tokens} tokens, ended {RecordingYamlReader.EndName(recording.End)}");
        output.WriteLine($"  headers    {Ms(t.HeadersMs)}");
        output.WriteLine($"  TTFT       {Ms(t.TtftMs)}");
        output.WriteLine(t.ItlMs.Count == 0
            ? "  ITL        -"
            : $"  ITL (ms)   {t.ItlMs.Count} gaps: min {N(t.ItlMs[0])}  p50 {N(t.ItlPercentile(50))}  p90 {N(t.ItlPercentile(90))}  "
              + $"p99 {N(t.ItlPercentile(99))}  max {N(t.ItlMs[^1])}  mean {N(t.ItlMs.Average())}");
        output.WriteLine($"  E2E        {Ms(t.E2eMs)}");
        output.WriteLine($"  TPOT       {Ms(t.TpotMs)}");
        output.WriteLine($"  tokens/s   {(t.DecodeTokensPerSecond is { } rate ? N(rate) + " (first to last token)" : "-")}"
            + (t.OllamaTokensPerSecond is { } ollama ? $"; Ollama's own eval_count/eval_duration: {t.EvalCount} tokens, {N(ollama)}/s"
                : ""));
    }

    /// <summary>What a scripted scenario's settings promise, in the terms of the summary (before the time scale).</summary>
    public static string ScriptedTiming(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var itl = scenario.BaseInterTokenMs;
        var rate = itl > 0 ? $", {N(1000 / itl)} tokens/s" : ", tokens as fast as possible";
        return $"TTFT {N(scenario.LoadMs + scenario.FirstTokenMs)} ms (load {N(scenario.LoadMs)} + first "
            + $"token {N(scenario.FirstTokenMs)}), "
            + $"ITL {N(itl)} ms" + (scenario.JitterMs > 0 ? $" ± {N(scenario.JitterMs)} ms (uniform)" : "") + rate
            + (scenario.Faults.Count > 0 ? $"; faults: {string.Join(", ", scenario.Faults.Select(f => f.Name))}" : "");
    }

    private static void WriteJson(List<(string File, Scenario Scenario)> results, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var (file, scenario) in results)
            {
                writer.WriteStartObject();
                writer.WriteString("file", file);
                if (scenario.Recording is not { } recording)
                {
                    writer.WriteBoolean("scripted", true);
                    writer.WriteNumber("ttft_ms", scenario.LoadMs + scenario.FirstTokenMs);
                    writer.WriteNumber("itl_ms", scenario.BaseInterTokenMs);
                    writer.WriteNumber("jitter_ms", scenario.JitterMs);
                    writer.WriteEndObject();
                    continue;
                }

                var t = RecordingTimings.Of(recording);
                writer.WriteString("path", recording.Request.Path);
                writer.WriteString("model", recording.Request.Model);
                writer.WriteNumber("status", recording.Status);
                writer.WriteString("end", RecordingYamlReader.EndName(recording.End));
                writer.WriteNumber("lines", t.Lines);
                writer.WriteNumber("tokens", t.Tokens);
                Number(writer, "headers_ms", t.HeadersMs);
                Number(writer, "ttft_ms", t.TtftMs);
                Number(writer, "itl_min_ms", t.ItlMs.Count == 0 ? null : t.ItlMs[0]);
                Number(writer, "itl_p50_ms", t.ItlPercentile(50));
                Number(writer, "itl_p90_ms", t.ItlPercentile(90));
                Number(writer, "itl_p99_ms", t.ItlPercentile(99));
                Number(writer, "itl_max_ms", t.ItlMs.Count == 0 ? null : t.ItlMs[^1]);
                Number(writer, "e2e_ms", t.E2eMs);
                Number(writer, "tpot_ms", t.TpotMs);
                Number(writer, "tokens_per_second", t.DecodeTokensPerSecond);
                Number(writer, "ollama_tokens_per_second", t.OllamaTokensPerSecond);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Ms(double? ms) => ms is { } v ? N(v) + " ms" : "-";

    private static string N(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
