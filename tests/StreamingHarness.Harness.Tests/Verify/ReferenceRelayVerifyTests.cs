using System.Text.Json;
using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Tests.Suites;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>The reference relay, held to the whole catalogue through its SSE API: it must pass every case.</summary>
public sealed class ReferenceRelayVerifyTests(ReferenceRelayRig fixture) : IClassFixture<ReferenceRelayRig>
{
    private VerifyRig Rig => fixture.Rig;

    private ChildProcess Relay => fixture.Relay;

    [Fact]
    public Task Verify_RelayProfile_PassesEveryCase() => fixture.ShouldPassEveryCaseAsync("relay");

    [Fact]
    public async Task VerifyCommand_TwoCases_ExitsZeroAndWritesTheFourReports()
    {
        using var reports = new TempFolder();

        var exit = await LoadTestCommand.Create().Parse([
            "verify", "--url", Relay.BaseAddress.ToString(), "--profile", "relay", "--fake-url", Rig.Fake.BaseAddress.ToString(),
            "--cases", "torn-line,healthy", "--time-scale", "0.02", "--stall-bound", "4s", "--report-dir", reports.Path,
        ]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBe(0);
        var folder = Directory.GetDirectories(reports.Path).ShouldHaveSingleItem();
        Path.GetFileName(folder).ShouldEndWith("-verify");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe(["junit.xml", "report.html", "report.md", "verify.json"]);
        using var json = JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "verify.json"), TestContext.Current.CancellationToken));
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["profile", "target", "results", "passed", "failed"]);
        (json.RootElement.GetProperty("passed").GetInt32(), json.RootElement.GetProperty("failed").GetInt32()).ShouldBe((2, 0));
        var first = json.RootElement.GetProperty("results")[0];
        first.EnumerateObject().Select(p => p.Name)
            .ShouldBe([
                "case", "verdict", "expected", "observed", "tokens_expected", "tokens_seen", "duration_ms", "added_ttft_ms",
                "added_delay_ms", "bursts", "timeline",
            ]);
        first.GetProperty("added_delay_ms").EnumerateObject().Select(p => p.Name).ShouldBe(["p50", "p99", "max"]);
        first.GetProperty("timeline").GetProperty("sent_ms").GetArrayLength().ShouldBe((int)first.GetProperty("tokens_seen").GetInt64());
        (first.GetProperty("case").GetString(), first.GetProperty("verdict").GetString()).ShouldBe(("healthy", "pass"));
        first.GetProperty("tokens_seen").GetInt64().ShouldBe(first.GetProperty("tokens_expected").GetInt64());
        var junit = await File.ReadAllTextAsync(Path.Combine(folder, "junit.xml"), TestContext.Current.CancellationToken);
        junit.ShouldContain("""<testsuite name="verify relay """);
        junit.ShouldContain("""tests="2" failures="0" errors="0" """);
    }

    [Fact]
    public async Task LoadRun_TheShippedCustomSseProfile_MeasuresTheRelayLikeTheBuiltInTarget()
    {
        var suite = FakeFixture.Suite("custom-sse");
        suite.Url = Relay.BaseAddress.ToString();
        suite.Target = "relay";
        suite.Profile = "scenarios/profiles/relay-sse.yaml";
        suite.Model = "llama3.2";
        suite.MaxRequests = 24;
        suite.Memory.Sample = false;

        var result = await FakeFixture.Runner(Rig.Fake).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        var phase = result.Report.Phases.ShouldHaveSingleItem().Summary;
        phase.Target.ShouldStartWith("relay-sse (SSE POST /stream/chat, ");
        phase.Failed.ShouldBe(0);
        var chunks = result.Samples.Select(s => s.ContentChunks).Distinct().ShouldHaveSingleItem();
        chunks.ShouldBeGreaterThan(1);
        phase.Ttft.Count.ShouldBe(phase.Succeeded);
        phase.Itl.Count.ShouldBe(phase.Succeeded * (chunks - 1));
        phase.OutputTokens.ShouldBe(phase.Succeeded * chunks);
        var added = phase.Added.ShouldNotBeNull("the relay passes the request's trace id on to the fake");
        added.Joined.ShouldBe(phase.Succeeded);
        added.AddedDelay.Count.ShouldBe(phase.OutputTokens);
    }
}
