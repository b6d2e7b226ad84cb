using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Harness.Tests.Suites;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Cli;

/// <summary>The command line end to end, against an in-process fake: exit codes are what CI gates on.</summary>
[Collection(ConsoleUsers.Name)]
public sealed class LoadTestCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Reports => _temp.File("reports");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_ThresholdMet_ExitsZeroAndWritesTheReport()
    {
        await using var fake = await FakeFixture.StartAsync();

        var code = await RunAsync(
            "--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "steady", "-c", "2", "-d", "500ms", "--warmup", "0s",
            "-n", "20", "--no-memory", "--threshold", "error_rate <= 0", "--reports", Reports, "--name", "cli-pass");

        code.ShouldBe(LoadTestCommand.Passed);
        var folder = Directory.GetDirectories(Reports).ShouldHaveSingleItem();
        Path.GetFileName(folder).ShouldEndWith("-cli-pass");
        File.Exists(Path.Combine(folder, "report.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task Run_ThresholdMissed_ExitsOne()
    {
        await using var fake = await FakeFixture.StartAsync();

        var code = await RunAsync(
            "--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "steady", "-c", "2", "-d", "500ms", "--warmup", "0s",
            "-n", "10", "--no-memory", "--threshold", "ttft.p50 < 0.000001ms", "--reports", Reports);

        code.ShouldBe(LoadTestCommand.Failed);
    }

    [Theory]
    [InlineData("--ramp", "1,zero")]
    [InlineData("--threshold", "speed > 3")]
    [InlineData("--suite", "no-such-suite")]
    [InlineData("--duration", "soon")]
    [InlineData("--suite-file", "/no/such/file.yaml")]
    public async Task Run_BadInput_ExitsTwoBeforeAnyLoad(string option, string value)
    {
        var code = await RunAsync(option, value, "--reports", Reports);

        code.ShouldBe(LoadTestCommand.BadInput);
        Directory.Exists(Reports).ShouldBeFalse();
    }

    [Fact]
    public void Help_DescribesEveryOption()
    {
        var root = LoadTestCommand.Create();

        root.Description.ShouldNotBeNullOrWhiteSpace();
        root.Options.Where(o => o.Name != "--help" && o.Name != "--version" && o.Name != "-h")
            .ShouldAllBe(o => !string.IsNullOrWhiteSpace(o.Description));
    }

    [Fact]
    public void PowerShellWrapper_MapsOnlyOptionsTheHarnessHas()
    {
        var script = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot!, "run-loadtest.ps1"));
        var known = LoadTestCommand.Create().Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);

        var mapped = System.Text.RegularExpressions.Regex.Matches(script, @"'(--[a-z-]+)'").Select(m => m.Groups[1].Value).Distinct()
            .ToList();

        mapped.Count.ShouldBeGreaterThan(20);
        mapped.Where(o => !known.Contains(o)).ShouldBeEmpty();
    }

    [Fact]
    public void RepositorySuiteFile_Loads()
    {
        var suites = SuiteFile.Load(Path.Combine(BuildPaths.RepositoryRoot!, "scenarios", "load", "suites.yaml"));

        suites.ShouldNotBeEmpty();
    }

    /// <summary>Runs the command line with its console output discarded; returns the exit code.</summary>
    internal static async Task<int> RunAsync(params string[] args)
    {
        var output = Console.Out;
        var error = Console.Error;
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            return await LoadTestCommand.Create().Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleUsers
{
    public const string Name = "console";
}
