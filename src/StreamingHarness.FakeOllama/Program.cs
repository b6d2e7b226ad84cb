using System.CommandLine;
using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Hosting;

var urlsOption = new Option<string[]>("--urls")
{
    Description = "Where to listen, e.g. http://127.0.0.1:11434 (several: repeat the option or separate with ';'). "
        + "Default: OLLAMA_HOST read as Ollama reads it, else " + OllamaHost.DefaultUrl + ".",
    AllowMultipleArgumentsPerToken = true,
};
var scenariosOption = new Option<string?>("--scenarios")
{
    Description = "Folder of *.yaml scenarios. Default: the built-in scenarios next to the program.",
};
var timeScaleOption = new Option<double>("--time-scale")
{
    Description = "Multiplies every delay of every scenario (0.01 = 100 times faster). Must be greater than 0.",
    DefaultValueFactory = _ => 1.0,
};
var adminAnyHostOption = new Option<bool>("--admin-any-host")
{
    Description = "Let clients on other machines use the admin API (/__fake/*). Default: loopback clients only.",
};
var bufferedWritesOption = new Option<bool>("--buffered-writes")
{
    Description = "Let the server buffer writes (faster when unpaced) instead of writing each line through to the socket "
        + "as Ollama does. Lines flushed just before a fault's reset or close may then be lost.",
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
    + "GET|PUT|DELETE /__fake/active-scenario, POST /__fake/reset.")
{
    urlsOption,
    scenariosOption,
    timeScaleOption,
    adminAnyHostOption,
    bufferedWritesOption,
    verboseOption,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var urls = parse.GetValue(urlsOption) is { Length: > 0 } given
        ? given.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
        : [OllamaHost.ToUrl(Environment.GetEnvironmentVariable("OLLAMA_HOST"))];
    var options = new FakeOllamaOptions
    {
        Urls = urls,
        ScenarioDirectory = parse.GetValue(scenariosOption) ?? FakeOllamaOptions.BuiltInScenarioDirectory,
        TimeScale = parse.GetValue(timeScaleOption),
        AdminAnyHost = parse.GetValue(adminAnyHostOption),
        WriteThrough = !parse.GetValue(bufferedWritesOption),
        MinimumLogLevel = parse.GetValue(verboseOption) ? LogLevel.Information : LogLevel.Warning,
    };
    return await StandaloneHost.RunAsync(options, Console.Out, Console.Error, cancellationToken);
});

return await root.Parse(args).InvokeAsync();
