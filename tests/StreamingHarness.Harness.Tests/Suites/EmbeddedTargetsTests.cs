using System.Diagnostics;
using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Tests.Suites;

/// <summary>The default path: the harness starts the fake and the relay as processes from their build outputs, and stops them.</summary>
public sealed class EmbeddedTargetsTests
{
    [Fact]
    public async Task Compare_WithoutUrls_StartsFakeAndRelayProcesses_MeasuresBothSides_AndStopsThem()
    {
        var embedded = new EmbeddedOptions(
            Path.Combine(BuildPaths.RepositoryRoot!, "scenarios"),
            1,
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string>(),
            RelayEnvironment.ForLoad);
        var suite = new SuiteDefinition
        {
            Name = "embedded-test",
            Target = "relay",
            Model = "load-fast",
            Compare = true,
            Load = new LoadDefinition { Kind = "closed", Concurrency = 2 },
            Duration = "1s",
            Warmup = "0s",
            MaxRequests = 50,
            Memory = new MemoryDefinition { SampleEvery = "250ms", HoldStreams = [2, 4] },
        };
        var observer = new RecordingObserver();

        var result = await new SuiteRunner(observer, embedded).RunAsync(RunPlan.From(suite), "test", TestContext.Current.CancellationToken);

        result.Report.Phases.Select(p => (p.Summary.Name, p.Summary.Target))
            .ShouldBe([("fake measured", "ollama ndjson /api/chat"), ("relay measured", "relay SSE /stream/chat")]);
        result.Report.Phases.ShouldAllBe(p => p.Summary.Failed == 0 && p.Summary.Sent > 0 && p.AccountingExact);
        result.Samples.ShouldAllBe(s => s.OutputTokens == 64 && s.ContentChunks == 64);
        var comparison = result.Report.Comparison.ShouldNotBeNull();
        comparison.TokensPreserved.ShouldBeTrue();
        comparison.RelayHeapBytesPerStream.ShouldNotBeNull();
        result.Report.Phases[0].ServerFirstLine.ShouldNotBeNull().Count.ShouldBeGreaterThan(0);
        result.Report.MemoryPerStream!.Steps.Select(s => s.Process).Distinct().Order().ShouldBe(["fake", "harness", "relay"]);
        result.Report.Memory.Select(p => p.Process).Distinct().Order().ShouldBe(["fake", "harness", "relay"]);
        var pids = observer.ProcessIds();
        pids.Length.ShouldBe(2);
        foreach (var pid in pids)
        {
            Should.Throw<ArgumentException>(() => Process.GetProcessById(pid), $"process {pid} should have been stopped");
        }
    }

    private sealed class RecordingObserver : IRunObserver
    {
        private readonly List<string> _messages = [];

        public void Info(string message) => _messages.Add(message);

        public void PhaseStarted(PhaseRecorder phase, TimeSpan duration)
        {
        }

        public void PhaseEnded(PhaseSummary summary)
        {
        }

        /// <summary>From "started as separate processes: fake http://... (pid 123), relay http://... (pid 456)".</summary>
        public int[] ProcessIds() => [.. _messages.Where(m => m.StartsWith("started as separate processes:", StringComparison.Ordinal))
            .SelectMany(
                m => System.Text.RegularExpressions.Regex.Matches(m, @"pid (\d+)")
                .Select(x => int.Parse(x.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
