using System.CommandLine;
using Spectre.Console;
using StreamingHarness.Harness.Live;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// The harness's command line: pick a suite, override any of its settings, run it, write the report, and exit with one
/// of the codes in docs/load.md#exit-codes: 0 passed, 1 could not run (bad input, one line naming the setting, or a
/// target that would not start; 1 as for the fake and the relay), 3 ran and failed, 130 interrupted.
/// </summary>
internal static class LoadTestCommand
{
    public const int Passed = 0;
    public const int BadInput = 1;

    /// <summary>A threshold, a fault check, the accounting or a verify case failed: a verdict, not an error, so not 1.</summary>
    public const int Failed = 3;
    public const int Interrupted = 130;

    /// <summary>
    /// Parses and runs; a command line that does not parse (unknown option, wrong type) is bad input too: one line per error, exit 1.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var parse = Create(time).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            return BadInput;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <param name="time">
    /// The run's clock: <c>--start-at</c> is checked and waited for on it, and every duration, deadline and drain runs on it
    /// (tests pass a fake one).
    /// </param>
    public static RootCommand Create(TimeProvider? time = null)
    {
        var o = new CliOptions();
        var shards = new ShardCliOptions();
        var root = new RootCommand(
            "StreamingHarness load harness: measures time to first token, inter-token latency, throughput and memory of LLM "
            + "token streams (Ollama ndjson, the relay's SSE, OpenAI SSE). With no URL it starts the fake Ollama and the relay "
            + "as processes on free loopback ports, runs the suite against them and stops them. Reports go to "
            + "reports/<timestamp>-<name>/ (report.html, report.md, samples.csv, summary.json).");
        foreach (var option in o.All)
        {
            root.Options.Add(option);
        }

        foreach (var option in shards.All)
        {
            root.Options.Add(option);
        }

        var clock = time ?? TimeProvider.System;
        root.SetAction((parse, cancellationToken) => RunAsync(parse, o, shards, clock, cancellationToken));
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        foreach (var command in BenchCommand.Create())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, CliOptions o, ShardCliOptions shards, TimeProvider time, CancellationToken cancellationToken)
    {
        RunPlan plan;
        IReadOnlyList<SuiteDefinition> fileSuites;
        try
        {
            fileSuites = parse.GetValue(o.SuiteFile) is { } file ? SuiteFile.Load(file) : [];
            if (parse.GetValue(o.ListSuites))
            {
                ListSuites(fileSuites);
                return Passed;
            }

            var suite = SuiteOverrides.Apply(ChooseSuite(parse, o, fileSuites), parse, o);
            var shard = ShardSpec.From(parse.GetValue(shards.Index), parse.GetValue(shards.Count), parse.GetValue(shards.StartAt));
            if (shard?.StartAt is { } startAt)
            {
                PhaseAlignment.CheckNotPast(startAt, time);
            }

            plan = RunPlan.From(shard?.Apply(suite) ?? suite) with { Shard = shard };
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return BadInput;
        }

        var embedded = new EmbeddedOptions(
            parse.GetValue(o.Scenarios),
            plan.Suite.TimeScale,
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string>(),
            RelayEnvironment.ForLoad);
        // Inside the tool the tokens start with its 'load' command; from the repository they are the program's own.
        var program = ServerProgram.InTool ? "streamingharness" : "dotnet run -c Release --project src/StreamingHarness.Harness --";
        var commandLine = program + string.Concat(parse.Tokens.Select(t => " " + Quote(t.Value)));
        HarnessConsole.Configure();
        LiveUi? ui = null;

        try
        {
            ui = await LiveUi.StartAsync(parse, o.Ui, plan, time, cancellationToken).ConfigureAwait(false);
            var live = !parse.GetValue(o.NoLive) && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
            var (fakeUrl, relayUrl) = (Uri(parse.GetValue(o.FakeUrl)), Uri(parse.GetValue(o.RelayUrl)));
            SuiteRunner Runner(IRunObserver observer) => new(ui?.Watch(observer) ?? observer, embedded, fakeUrl, relayUrl, time);
            var result = live
                ? await RunLiveAsync(plan, Runner, commandLine, cancellationToken).ConfigureAwait(false)
                : await Runner(new PlainObserver()).RunAsync(plan, commandLine, cancellationToken).ConfigureAwait(false);
            var reports = parse.GetValue(o.Reports) ?? BuildPaths.ReportsRoot;
            var folder = await ReportWriter.WriteAsync(reports, result, CancellationToken.None).ConfigureAwait(false);
            ConsoleSummary.Write(AnsiConsole.Console, result.Report, folder);
            if (ui is not null)
            {
                await ui.ServeReportAsync(result.Report.Verdict, folder, cancellationToken).ConfigureAwait(false);
            }

            return result.Report.Interrupted ? Interrupted : result.Report.Passed ? Passed : Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted before the first phase ended: no report written.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or ArgumentException
            or HttpRequestException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return BadInput;
        }
        finally
        {
            if (ui is not null)
            {
                await ui.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<RunResult> RunLiveAsync(
        RunPlan plan, Func<IRunObserver, SuiteRunner> runner, string commandLine, CancellationToken cancellationToken)
    {
        RunResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                using var observer = new ConsoleObserver(context);
                result = await runner(observer).RunAsync(plan, commandLine, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    private static SuiteDefinition ChooseSuite(ParseResult parse, CliOptions o, IReadOnlyList<SuiteDefinition> fileSuites)
    {
        var name = parse.GetValue(o.Suite)!;
        if (fileSuites.Count > 0)
        {
            var explicitName = parse.GetResult(o.Suite) is { Implicit: false };
            return explicitName
                ? fileSuites.FirstOrDefault(s => s.Name == name) ?? BuiltInSuites.Find(name)
                    ?? throw new FormatException(
                        $"--suite: '{name}' is neither in the suite file ({string.Join(", ", fileSuites.Select(s => s.Name))}) nor built "
                        + $"in.")
                : fileSuites[0];
        }

        return BuiltInSuites.Find(name)
            ?? throw new FormatException($"--suite: '{name}' is not one of {string.Join(", ", BuiltInSuites.Names)}.");
    }

    private static void ListSuites(IReadOnlyList<SuiteDefinition> fileSuites)
    {
        foreach (var suite in BuiltInSuites.Names.Select(n => BuiltInSuites.Find(n)!).Concat(fileSuites))
        {
            Console.WriteLine($"{suite.Name,-12} {suite.Description}");
        }
    }

    private static Uri? Uri(string? text) => text is null ? null
        : System.Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"'{text}' is not an absolute URL.");

    private static string Quote(string token) => token.Contains(' ', StringComparison.Ordinal) ? $"\"{token}\"" : token;
}
