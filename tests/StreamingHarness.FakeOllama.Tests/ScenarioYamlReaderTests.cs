using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class ScenarioYamlReaderTests
{
    [Fact]
    public void Read_FullScenario_MapsEveryField()
    {
        const string Yaml = """
            name: demo
            description: A demo.
            models:
              - plain-model
              - name: qwen3
                family: qwen3
                parameter_size: 8.2B
                quantization_level: Q8_0
                capabilities: [completion, thinking]
                context_length: 40960
                embedding_length: 1024
                size_bytes: 123
            matches:
              - contains: hello
                response: Hi!
              - pattern: "^why"
                response: Because.
            echo: true
            response: Fixed.
            tokens: 5
            thinking: Hmm.
            tool_calls:
              - name: get_weather
                arguments: { city: Tokyo, days: 3, metric: true, note: "42" }
            seed: 9
            load_ms: 10
            first_token_ms: 20
            inter_token_ms: 30
            jitter_ms: 4
            time_scale: 0.5
            pause_after_tokens: 2
            parallel: 1
            max_queue: 3
            """;

        var scenario = ScenarioYamlReader.Read(Yaml, "demo.yaml", "file-name");

        scenario.Name.ShouldBe("demo");
        scenario.Description.ShouldBe("A demo.");
        scenario.Models.Select(m => m.Name).ShouldBe(["plain-model", "qwen3"]);
        var qwen = scenario.Models[1];
        (qwen.Family, qwen.ParameterSize, qwen.QuantizationLevel, qwen.ContextLength, qwen.EmbeddingLength, qwen.SizeBytes)
            .ShouldBe(("qwen3", "8.2B", "Q8_0", 40960, 1024, 123L));
        qwen.Capabilities.ShouldBe(["completion", "thinking"]);
        scenario.Matches.Select(m => (m.Contains, m.Pattern, m.Response)).ShouldBe([("hello", null, "Hi!"), (null, "^why", "Because.")]);
        scenario.Echo.ShouldBeTrue();
        scenario.Response.ShouldBe("Fixed.");
        scenario.Tokens.ShouldBe(5);
        scenario.Thinking.ShouldBe("Hmm.");
        scenario.ToolCalls.Single().Name.ShouldBe("get_weather");
        scenario.ToolCalls.Single().Arguments.ToJsonString().ShouldBe("""{"city":"Tokyo","days":3,"metric":true,"note":"42"}""");
        (scenario.Seed, scenario.LoadMs, scenario.FirstTokenMs, scenario.InterTokenMs, scenario.JitterMs, scenario.TimeScale)
            .ShouldBe((9L, 10.0, 20.0, (double?)30.0, 4.0, 0.5));
        (scenario.PauseAfterTokens, scenario.Parallel, scenario.MaxQueue).ShouldBe(((int?)2, 1, 3));
        scenario.SourceFile.ShouldBe("demo.yaml");
    }

    [Fact]
    public void Read_NoName_UsesTheFileName()
    {
        ScenarioYamlReader.Read("response: x", "slow.yaml", "slow").Name.ShouldBe("slow");
    }

    [Theory]
    [InlineData("response: x\ntokns: 3\n", 2, "unknown field 'tokns'")]
    [InlineData("response: x\ntokens: -1\n", 2, "field 'tokens' must be between 0 and")]
    [InlineData("tokens: many\n", 1, "field 'tokens' must be a whole number, not 'many'")]
    [InlineData("tokens_per_second: 5\ninter_token_ms: 3\n", 2, "give either 'tokens_per_second' or 'inter_token_ms', not both")]
    [InlineData("matches:\n  - response: x\n", 2, "a match rule needs exactly one of 'contains' or 'pattern'")]
    [InlineData("matches:\n  - pattern: \"(\"\n    response: x\n", 2, "field 'pattern' is not a valid regular expression")]
    [InlineData("models:\n  - family: llama\n", 2, "a model needs a 'name'")]
    [InlineData("echo: maybe\n", 1, "field 'echo' must be true or false, not 'maybe'")]
    [InlineData("response: [a\n", 2, "not valid YAML")]
    [InlineData("time_scale: 0\n", 1, "field 'time_scale' must be between")]
    [InlineData("tool_calls:\n  - name: f\n    arguments: [1]\n", 3, "field 'arguments' must be a mapping")]
    [InlineData("faults:\n  - kind: nonsense\n", 2, "unknown fault kind 'nonsense'")]
    public void Read_BadScenario_NamesFileLineAndReason(string yaml, int line, string reason)
    {
        var error = Should.Throw<ScenarioLoadException>(() => ScenarioYamlReader.Read(yaml, "bad.yaml", "bad"));

        error.File.ShouldBe("bad.yaml");
        error.Line.ShouldBe(line);
        error.Reason.ShouldContain(reason);
        error.Message.ShouldStartWith($"bad.yaml:{line}: ");
    }

    [Fact]
    public async Task StartAsync_BadScenarioFile_StopsStartUpWithFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("fake-scenarios-");
        try
        {
            var path = Path.Combine(folder.FullName, "broken.yaml");
            await File.WriteAllTextAsync(path, "response: x\nfirst_token_ms: soon\n", TestContext.Current.CancellationToken);

            var error = await Should.ThrowAsync<ScenarioLoadException>(
                () =>
                FakeOllamaServer.StartAsync(
                new FakeOllamaOptions { ScenarioDirectory = folder.FullName }, TestContext.Current.CancellationToken));

            error.Message.ShouldBe($"{path}:2: field 'first_token_ms' must be a number, not 'soon'");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void BuiltInScenarios_AllLoad()
    {
        var scenarios = ScenarioYamlReader.ReadDirectory(FakeOllamaOptions.BuiltInScenarioDirectory);

        scenarios.Select(s => s.Name).ShouldContain("default");
    }
}
