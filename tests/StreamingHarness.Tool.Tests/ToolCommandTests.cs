using System.CommandLine;
using System.CommandLine.Help;
using Shouldly;
using StreamingHarness.Harness.Cli;

namespace StreamingHarness.Tool.Tests;

public sealed class ToolCommandTests
{
    [Fact]
    public void Create_OffersTheProgramsAndEveryHarnessSubcommand()
    {
        var harnessSubcommands = LoadTestCommand.Create().Subcommands.Select(c => c.Name).ToList();

        var names = ToolCommand.Create().Subcommands.Select(c => c.Name).ToList();

        harnessSubcommands.ShouldContain("verify");
        names.ShouldBe(["fake", "relay", "load", .. harnessSubcommands]);
    }

    [Theory]
    [InlineData("load")]
    [InlineData("fake")]
    public void Create_AdoptedCommand_HasEveryOptionOfItsProgram(string name)
    {
        var program = name == "load" ? LoadTestCommand.Create() : FakeOllama.Hosting.FakeCommand.Create();

        var command = ToolCommand.Create().Subcommands.Single(c => c.Name == name);

        var expected = program.Options.Where(o => o is not (HelpOption or VersionOption)).Select(o => o.Name);
        command.Options.Select(o => o.Name).ShouldBe(expected);
        command.Subcommands.Select(c => c.Name).ShouldBe(name == "fake" ? ["inspect"] : []);
        command.Action.ShouldNotBeNull();
    }

    [Fact]
    public void Create_EveryCommandAndOption_ExplainsItself()
    {
        var undescribed = new List<string>();
        Walk(ToolCommand.Create(), "streamingharness", undescribed);

        undescribed.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, "load", "--bogus")]
    [InlineData(1, "verify", "--bogus")]
    [InlineData(1, "load", "--concurrency", "many")]
    [InlineData(1)]
    [InlineData(1, "fake", "--bogus")]
    [InlineData(1, "fake", "--time-scale", "0")]
    [InlineData(1, "relay", "--upstream")]
    public async Task InvokeAsync_CommandLineThatDoesNotParse_ExitsWithItsProgramsBadInputCode(int expected, params string[] args)
    {
        using var error = new StringWriter();

        var exitCode = await ToolConsole.RunAsync(error, args);

        exitCode.ShouldBe(expected);
        error.ToString().ShouldStartWith("error: ");
        error.ToString().ShouldContain($"Run 'streamingharness{string.Concat(args.Take(1).Select(a => " " + a))} --help' for the options.");
    }

    [Fact]
    public async Task InvokeAsync_RelayWithAMistypedFlag_Exits1NamingIt()
    {
        using var error = new StringWriter();

        var exitCode = await ToolConsole.RunAsync(error, "relay", "--upstrem", "http://127.0.0.1:11434");

        exitCode.ShouldBe(1);
        error.ToString().ShouldStartWith("error: '--upstrem' is neither an option of relay (see --help) nor a setting");
    }

    private static void Walk(Command command, string path, List<string> undescribed)
    {
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            undescribed.Add(path);
        }

        undescribed.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
        foreach (var subcommand in command.Subcommands)
        {
            Walk(subcommand, $"{path} {subcommand.Name}", undescribed);
        }
    }
}
