using System.CommandLine;
using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Tests.Cli;

/// <summary>A run without --suite is named and described after what it runs, not after the default suite.</summary>
public sealed class AdHocRunTests
{
    [Fact]
    public void Apply_NoArguments_NamesTheRelayRunWithTheModelsDotsAndDescribesIt()
    {
        var suite = Apply();

        suite.Name.ShouldBe("relay-llama3.2");
        suite.Description.ShouldBe(
            "The relay's SSE on the relay and fake Ollama the harness starts, model llama3.2: 1, 4, 16 concurrent streams, "
            + "2s each; 6s measured after 500ms of warm-up; memory per open stream at 8, 16, 32 held streams; "
            + "thresholds error_rate <= 0.");
    }

    [Fact]
    public void Apply_OpenAiProfileAgainstAThirdPartyUrl_IsNamedAfterTheProfileNotTheRelay()
    {
        var suite = Apply("--profile", "openai", "--url", "https://api.example.com", "--model", "gpt-4o", "--concurrency", "2");

        suite.Name.ShouldBe("openai-gpt-4o-api.example.com");
        suite.Description.ShouldStartWith("Profile openai at https://api.example.com, model gpt-4o: 2 concurrent streams; ");
    }

    [Fact]
    public void Apply_ExplicitSuite_KeepsItsNameAndDescription()
    {
        var suite = Apply("--suite", "smoke");

        suite.Name.ShouldBe("smoke");
        suite.Description.ShouldBe(BuiltInSuites.Find("smoke")!.Description);
    }

    private static SuiteDefinition Apply(params string[] args)
    {
        var o = new CliOptions();
        var root = new RootCommand();
        foreach (var option in o.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        parse.Errors.ShouldBeEmpty();
        return SuiteOverrides.Apply(BuiltInSuites.Find(parse.GetValue(o.Suite)!)!, parse, o);
    }
}
