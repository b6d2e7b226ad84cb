using Shouldly;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Tests.Suites;

public sealed class SuiteFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"suites-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Load_ReadsEverySuiteWithSnakeCaseFields()
    {
        File.WriteAllText(_path, """
            suites:
              - name: nightly
                target: fake
                model: llama3.2
                load:
                  kind: ramp
                  steps: [1, 8, 32]
                  step_duration: 3s
                thresholds: ["ttft.p99 < 800ms"]
                memory:
                  hold_streams: [16, 32]
              - name: open
                load: { kind: open, rate: 25, max_concurrency: 10 }
                duration: 20s
            """);

        var suites = SuiteFile.Load(_path);

        suites.Select(s => s.Name).ShouldBe(["nightly", "open"]);
        suites[0].Load.Steps.ShouldBe([1, 8, 32]);
        suites[0].Memory.HoldStreams.ShouldBe([16, 32]);
        var plan = RunPlan.From(suites[1]);
        plan.Open.ShouldBeTrue();
        plan.Steps.Single().Description.ShouldBe("open, Poisson 25/s, at most 10 concurrent");
    }

    [Fact]
    public void Load_UnknownKey_ReportsFileAndLine()
    {
        File.WriteAllText(_path, "suites:\n  - name: x\n    concurrency: 5\n");

        var ex = Should.Throw<FormatException>(() => SuiteFile.Load(_path));

        ex.Message.ShouldStartWith($"{_path}:3:");
        ex.Message.ShouldContain("concurrency");
    }

    [Fact]
    public void Load_InvalidValue_NamesSuiteAndField()
    {
        File.WriteAllText(_path, "suites:\n  - name: x\n    load: { kind: ramp }\n");

        var ex = Should.Throw<FormatException>(() => SuiteFile.Load(_path));

        ex.Message.ShouldBe($"{_path}: suite 'x': load.steps: a ramp needs at least one concurrency step, e.g. [1, 8, 32].");
    }

    [Fact]
    public void Load_BadAfterIdle_NamesSuiteAndField()
    {
        File.WriteAllText(_path, "suites:\n  - name: x\n    model: m\n    memory: { after_idle: soon }\n");

        var ex = Should.Throw<FormatException>(() => SuiteFile.Load(_path));

        ex.Message.ShouldStartWith($"{_path}: suite 'x': memory.after_idle:");
    }

    [Fact]
    public void BuiltInSuites_AllResolve()
    {
        foreach (var name in BuiltInSuites.Names)
        {
            RunPlan.From(BuiltInSuites.Find(name)!).Suite.Name.ShouldBe(name);
        }

        BuiltInSuites.Find("compare")!.Compare.ShouldBeTrue();
        BuiltInSuites.Find("faults")!.Mix.ShouldContain(m => m.Expect.Count > 0);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("3", 3_000)]
    public void DurationText_ParsesUnits(string text, double ms)
    {
        DurationText.Parse(text, "f").TotalMilliseconds.ShouldBe(ms);
    }
}
