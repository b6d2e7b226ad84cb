using System.CommandLine;
using StreamingHarness.FakeOllama.Recording;

namespace StreamingHarness.FakeOllama.Hosting;

/// <summary>
/// The fake's command line, one definition for both ways to run it: <c>dotnet run --project src/StreamingHarness.FakeOllama</c>
/// and the installed tool's <c>streamingharness fake</c>.
/// </summary>
internal static class FakeCommand
{
    public static RootCommand Create()
    {
        var urlsOption = new Option<string[]>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:11434 (several: repeat the option or separate with ';'). "
                + "Default: OLLAMA_HOST read as Ollama reads it, else " + OllamaHost.DefaultUrl + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var scenariosOption = new Option<string?>("--scenarios")
        {
            Description = "Folder of your own *.yaml scenarios, served with the built-in ones; yours replace a built-in one "
                + "with the same name or model.",
        };
        var timeScaleOption = new Option<double>("--time-scale")
        {
            Description = "Multiplies every delay of every scenario (0.01 = 100 times faster). Must be greater than 0.",
            DefaultValueFactory = _ => 1.0,
        };
        timeScaleOption.Validators.Add(result =>
        {
            // Unparsable text is reported by the parser itself; here only numbers out of range.
            if (result.Tokens is [var token]
                && double.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var scale)
                && scale is not (> 0 and < double.PositiveInfinity))
            {
                result.AddError("--time-scale must be a number greater than 0, e.g. 0.01 to run 100 times faster.");
            }
        });
        var adminAnyHostOption = new Option<bool>("--admin-any-host")
        {
            Description = "Let clients on other machines use the admin API (/__fake/*). Default: loopback clients only.",
        };
        var bufferedWritesOption = new Option<bool>("--buffered-writes")
        {
            Description = "Use Kestrel's buffered transport (lines may coalesce) instead of one socket write per line as Ollama "
                + "does. For comparisons only: it is not cheaper, and lines written just before a fault's reset or close may be lost.",
        };
        var recordOption = new Option<Uri?>("--record")
        {
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : Fail(result, "--record needs the upstream's absolute http:// or https:// URL (e.g. http://127.0.0.1:11434), "
                    + $"not '{result.Tokens[0].Value}'."),
            Description = "Record mode: proxy every request to this upstream Ollama (e.g. http://127.0.0.1:11434), stream its answers "
                + "to the client unchanged, and save each chat/generate exchange as a scenario file. "
                + "Give the fake another port with --urls.",
        };
        var recordDirOption = new Option<string>("--record-dir")
        {
            Description = "Record mode: folder of the saved recordings (created if missing).",
            DefaultValueFactory = _ => Path.Combine("scenarios", "recorded"),
        };
        var recordNameOption = new Option<string?>("--record-name")
        {
            Description = "Record mode: file name (without .yaml) of the recordings; later ones get -2, -3, ... "
                + "Default: <model>-<endpoint>-<UTC time>. The request header X-Fake-Record-Name wins.",
        };
        var redactOption = new Option<bool>("--redact")
        {
            Description = "Record mode: replace prompts and outputs with same-length filler ('x'), "
                + "keeping byte lengths, timing and valid JSON.",
        };
        var maxBodyOption = new Option<long>("--max-body-bytes")
        {
            Description = "Largest request body accepted; a larger one is 413 {\"error\":\"http: request body too large\"}. "
                + "Default 33554432 (32 MiB).",
            DefaultValueFactory = _ => new FakeOllamaOptions().MaxRequestBodyBytes,
        };
        var verboseOption = new Option<bool>("--verbose")
        {
            Description = "Log the web host's information messages too.",
        };

        var root = new RootCommand(
            "A wire-faithful fake Ollama: the native /api endpoints (ndjson) and /v1 (SSE), played from scenario files.\n"
            + "Pick a scenario per request with the header 'X-Fake-Scenario: <name>' or by the model it serves.\n"
            + "Faults: the built-in fault scenarios (stall, disconnect, torn-line, ...) serve models of their own names.\n"
            + "Admin: GET /__stats, GET /__fake/journal, POST /__fake/release, GET|POST /__fake/scenarios,\n"
            + "GET|PUT|DELETE /__fake/active-scenario, POST /__fake/reset.\n"
            + "Console: open /__fake/ui in a browser (live streams, journal, switchboard); GET /__fake/events is its SSE feed.\n"
            + "Record and replay: --record <upstream> saves real streams as scenarios (scenarios/recorded/); "
            + "'inspect' shows their timing.")
        {
            urlsOption,
            scenariosOption,
            timeScaleOption,
            adminAnyHostOption,
            bufferedWritesOption,
            recordOption,
            recordDirOption,
            recordNameOption,
            redactOption,
            maxBodyOption,
            verboseOption,
            InspectCommand.Create(Console.Out, Console.Error),
        };

        root.SetAction(async (parse, cancellationToken) =>
        {
            var urls = parse.GetValue(urlsOption) is { Length: > 0 } given
                ? given.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
                : [OllamaHost.ToUrl(Environment.GetEnvironmentVariable("OLLAMA_HOST"))];
            var options = new FakeOllamaOptions
            {
                Urls = urls,
                ScenarioDirectory = parse.GetValue(scenariosOption),
                OverBuiltInScenarios = true,
                TimeScale = parse.GetValue(timeScaleOption),
                AdminAnyHost = parse.GetValue(adminAnyHostOption),
                WriteThrough = !parse.GetValue(bufferedWritesOption),
                MaxRequestBodyBytes = parse.GetValue(maxBodyOption),
                MinimumLogLevel = parse.GetValue(verboseOption) ? LogLevel.Information : LogLevel.Warning,
                Record = parse.GetValue(recordOption) is { } upstream
                    ? new RecordingOptions
                    {
                        Upstream = upstream,
                        Directory = parse.GetValue(recordDirOption)!,
                        FileName = parse.GetValue(recordNameOption),
                        Redact = parse.GetValue(redactOption),
                        Log = Console.Out,
                    }
                    : null,
            };
            return await StandaloneHost.RunAsync(options, Console.Out, Console.Error, cancellationToken);
        });

        return root;
    }

    private static Uri? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
