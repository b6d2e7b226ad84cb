using Shouldly;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Protocol.FakeAdmin;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Faults;

public sealed class FaultYamlReaderTests
{
    [Fact]
    public void KindNames_AreExactlyTheCataloguesKinds() =>
        FaultYamlReader.KindNames.ShouldBe(FaultCatalog.KindNames, ignoreOrder: true);

    [Theory]
    [InlineData("faults:\n  - after_tokens: 3\n", 2, "a fault needs a 'kind'")]
    [InlineData("faults:\n  - kind: stal\n", 2, "unknown fault kind 'stal' (known kinds: abrupt-close, after-done,")]
    [InlineData(
        "faults:\n  - kind: stall\n    duration: 5\n", 3,
        "unknown field 'duration' (known fields: after_tokens, at_ms, duration_ms, kind, probability, repeat, then)")]
    [InlineData(
        "faults:\n  - kind: stall\n    then: explode\n", 3, "field 'then' must be one of resume, reset, close, hang, not 'explode'")]
    [InlineData("faults:\n  - kind: disconnect\n    after_tokens: -1\n", 3, "field 'after_tokens' must be between 0 and")]
    [InlineData("faults:\n  - kind: disconnect\n    probability: 1.5\n", 3, "field 'probability' must be between 0 and 1, not 1.5")]
    [InlineData("faults:\n  - kind: bad-utf8\n    hex: zz\n", 3, "field 'hex' must be bytes in hexadecimal")]
    [InlineData("faults:\n  - kind: trickle\n    pieces: 1\n", 3, "field 'pieces' must be between 2 and 1000, not 1")]
    [InlineData(
        "faults:\n  - kind: wrong-types\n    mutation: missing\n", 3,
        "must be one of missing-message, number-content, null-content, string-done, string-counts")]
    [InlineData("faults:\n  - kind: http-error\n", 2, "fault 'http-error' needs a 'status'")]
    [InlineData("faults:\n  - kind: flaky-then-ok\n", 2, "fault 'flaky-then-ok' needs 'attempts'")]
    [InlineData("faults:\n  - kind: flaky-then-ok\n    attempts:\n      - kind: stall\n", 4, "each attempt must be a list of faults")]
    [InlineData("faults:\n  - kind: flaky-then-ok\n    attempts:\n      - [{kind: nope}]\n", 4, "unknown fault kind 'nope'")]
    public void Read_BadFault_NamesLineAndReason(string yaml, int line, string reason)
    {
        var error = Should.Throw<ScenarioLoadException>(() => ScenarioYamlReader.Read(yaml, "bad.yaml", "bad"));

        error.Line.ShouldBe(line);
        error.Reason.ShouldContain(reason);
        error.Message.ShouldStartWith($"bad.yaml:{line}: ");
    }

    [Fact]
    public void Read_EveryKindWithItsDefaults_Loads()
    {
        foreach (var kind in FaultYamlReader.KindNames.Where(k => k is not "http-error" and not "flaky-then-ok"))
        {
            var scenario = ScenarioYamlReader.Read($"faults:\n  - kind: {kind}\n", "ok.yaml", "ok");
            scenario.Faults.Single().Name.ShouldBe(kind == "http-error" ? "http-error" : kind);
        }
    }

    [Fact]
    public void Read_Trigger_TakesEverySetting()
    {
        var scenario = ScenarioYamlReader.Read(
            "faults:\n  - kind: stall\n    after_tokens: 4\n    at_ms: 250\n    probability: 0.25\n    repeat: true\n    duration_ms: 10\n "
            + "   then: close\n", "ok.yaml", "ok");

        var stall = scenario.Faults.Single().ShouldBeOfType<StallFault>();
        stall.Trigger.ShouldBe(new FaultTrigger { AfterTokens = 4, AtMs = 250, Probability = 0.25, Repeat = true });
        stall.Duration.ShouldBe(TimeSpan.FromMilliseconds(10));
        stall.Then.ShouldBe(StallOutcome.Close);
    }

    [Fact]
    public void ScenariosReadme_FaultExamples_Load()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scenarios", "README.md"));
        var section = readme[readme.IndexOf("<!-- section: faults -->", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("<!-- end section -->", StringComparison.Ordinal)];
        var examples = section.Split("```yaml\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();

        examples.ShouldNotBeEmpty();
        foreach (var example in examples)
        {
            ScenarioYamlReader.Read(example, "README.md", "example").Faults.ShouldNotBeEmpty();
        }
    }
}
