using System.CommandLine;
using System.Globalization;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// <c>verify</c>: holds a streaming service to the fault catalogue. Exit codes: 0 every case passed, 3 a case
/// failed, 1 bad input, or the service or the fake does not answer.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var o = new VerifyCliOptions();
        var command = new Command(
            "verify",
            "Hold any streaming service to the fault catalogue: for each case the fake (its Ollama upstream) plays a fault, one request "
            + "goes "
            + "through the service with the profile, and what its client saw is judged, then a healthy request checks the service still "
            + "answers. Writes reports/<timestamp>-verify/ (verify.json, junit.xml, report.md, report.html). Exit 0 all passed, 1 a case "
            + "failed, 2 bad input or a service or fake that does not answer.");
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(parse, o, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, VerifyCliOptions o, CancellationToken cancellationToken)
    {
        if (parse.GetValue(o.ListCases))
        {
            foreach (var verifyCase in VerifyCatalog.All)
            {
                Console.WriteLine($"{verifyCase.Name,-20} {VerifyCatalog.Describe(verifyCase.Rule)}");
            }

            return LoadTestCommand.Passed;
        }

        VerifyPlan plan;
        try
        {
            plan = VerifyPlan.From(parse, o);
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        try
        {
            return await RunPlanAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted: no report written.").ConfigureAwait(false);
            return LoadTestCommand.Interrupted;
        }
    }

    private static async Task<int> RunPlanAsync(VerifyPlan plan, CancellationToken cancellationToken)
    {
        using var client = VerifyRunner.CreateClient();
        await using var started = plan.FakeUrl is null ? await StartFakeAsync(plan, client, cancellationToken).ConfigureAwait(false) : null;
        var fakeUri = plan.FakeUrl ?? started!.BaseAddress;
        var probe = plan.Profile.CreateProbe(new Probes.ProbeRequestOptions(plan.Url, plan.Settings.Prompt));
        var runner = new VerifyRunner(client, probe, new FakeControl(client, fakeUri), plan.Settings);
        Console.WriteLine($"verify: {plan.Profile.Name} profile ({probe.Description}) against {plan.Url}, fake {fakeUri}, "
            + $"time scale {plan.TimeScale.ToString(CultureInfo.InvariantCulture)}, stall bound"
                + $" {DurationText.Format(plan.Settings.StallBound)}");
        var first = await runner.PrepareAsync(cancellationToken).ConfigureAwait(false);
        if (first.Outcome.Kind == OutcomeKind.ConnectError)
        {
            await Console.Error.WriteLineAsync($"error: the service at {plan.Url} does not answer: {first.Outcome.Detail}")
                .ConfigureAwait(false);
            return LoadTestCommand.BadInput;
        }

        var report = new VerifyReport(plan.Profile.Name, plan.Url.ToString(), await runner.RunAsync(plan.Cases, (i, r) =>
            Console.WriteLine($"[{i,2}/{plan.Cases.Count}] {r.Case,-20} {r.Verdict,-4} {r.DurationMs,6} ms  {r.Observed}"),
                cancellationToken).ConfigureAwait(false));
        var folder = await VerifyReportWriter.WriteAsync(plan.ReportDirectory, report, CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(
            $"{report.Passed} passed, {report.Failed} "
            + $"failed{(report.Failed > 0 ? ": " + string.Join(", ", report.Results.Where(r => !r.Passed).Select(r => r.Case)) : "")}");
        Console.WriteLine($"report: {folder}");
        return report.Failed == 0 ? LoadTestCommand.Passed : LoadTestCommand.Failed;
    }

    private static async Task<ChildProcess> StartFakeAsync(VerifyPlan plan, HttpClient client, CancellationToken cancellationToken)
    {
        var uri = new Uri($"http://127.0.0.1:{plan.FakePort}");
        var fake = ChildProcess.Start(
            ServerProgram.Fake,
            uri,
            TargetSet.FakeArguments(uri, plan.ScenariosDirectory, plan.TimeScale),
            new Dictionary<string, string>());
        try
        {
            await fake.WaitUntilReadyAsync(client, "/", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return fake;
        }
        catch
        {
            await fake.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
