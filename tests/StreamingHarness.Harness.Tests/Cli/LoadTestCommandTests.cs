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

        code.ShouldBe(0);
        var folder = Directory.GetDirectories(Reports).ShouldHaveSingleItem();
        Path.GetFileName(folder).ShouldEndWith("-cli-pass");
        File.Exists(Path.Combine(folder, "report.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task Run_ThresholdMissed_ExitsThree()
    {
        await using var fake = await FakeFixture.StartAsync();

        var code = await RunAsync(
            "--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "steady", "-c", "2", "-d", "500ms", "--warmup", "0s",
            "-n", "10", "--no-memory", "--threshold", "ttft.p50 < 0.000001ms", "--reports", Reports);

        code.ShouldBe(3);
    }

    [Theory]
    [InlineData("--ramp", "1,zero", "'zero'")]
    [InlineData("--threshold", "speed > 3", "speed > 3")]
    [InlineData("--suite", "no-such-suite", "no-such-suite")]
    [InlineData("--duration", "soon", "soon")]
    [InlineData("--suite-file", "/no/such/file.yaml", "/no/such/file.yaml")]
    [InlineData("--concurrency", "many", "many")]
    public async Task Run_BadInput_ExitsOneWithOneLineNamingTheValue(string option, string value, string named)
    {
        var (code, error) = await RunCapturingErrorAsync(option, value, "--reports", Reports);

        code.ShouldBe(1);
        error.ShouldStartWith("error: ");
        error.ShouldContain(named);
        error.TrimEnd().ShouldNotContain('\n');
        Directory.Exists(Reports).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_SuiteFileWithAnUnknownField_ExitsOneNamingFileLineAndField()
    {
        var file = _temp.File("suites.yaml");
        await File.WriteAllTextAsync(file, "suites:\n  - name: mine\n    concurency: 4\n", TestContext.Current.CancellationToken);

        var (code, error) = await RunCapturingErrorAsync("--suite-file", file, "--reports", Reports);

        code.ShouldBe(1);
        error.ShouldStartWith($"error: {file}:3");
        error.ShouldContain("concurency");
        error.TrimEnd().ShouldNotContain('\n');
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
    internal static async Task<int> RunAsync(params string[] args) => (await RunCapturingErrorAsync(args)).Code;

    /// <summary>Runs the whole entry point (parse errors included) with stdout discarded; returns the exit code and stderr.</summary>
    internal static async Task<(int Code, string Error)> RunCapturingErrorAsync(params string[] args)
    {
        var output = Console.Out;
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetOut(TextWriter.Null);
        Console.SetError(captured);
        try
        {
            var code = await LoadTestCommand.InvokeAsync(args, TestContext.Current.CancellationToken);
            return (code, captured.ToString());
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
