using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Tests.Verify;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Cli;

public sealed class VerifyCommandTests
{
    /// <summary>
    /// docs/load.md#exit-codes' 1, as the fake and the relay; not <see cref="LoadTestCommand.BadInput"/>, which would move
    /// with it.
    /// </summary>
    private const int BadInputExitCode = 1;

    [Theory]
    [InlineData("--cases", "healthy,tornline")]
    [InlineData("--time-scale", "0")]
    [InlineData("--stall-bound", "soon")]
    [InlineData("--fake-port", "many")]
    [InlineData("--no-such-option", "x")]
    public async Task Verify_BadInput_ExitsOneBeforeStartingAnything(string option, string value)
    {
        string[] args = ["verify", "--url", "http://127.0.0.1:1", "--profile", "relay", option, value];

        var exit = await LoadTestCommand.InvokeAsync(args, TestContext.Current.CancellationToken);

        exit.ShouldBe(BadInputExitCode);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("/no/such/profile.yaml")]
    public async Task Verify_UnknownProfile_ExitsOne(string profile)
    {
        string[] args = ["verify", "--url", "http://127.0.0.1:1", "--profile", profile];

        var exit = await LoadTestCommand.InvokeAsync(args, TestContext.Current.CancellationToken);

        exit.ShouldBe(BadInputExitCode);
    }

    [Fact]
    public async Task Verify_ServiceDoesNotAnswer_ExitsOne()
    {
        await using var rig = await VerifyRig.StartAsync();
        using var reports = new TempFolder();

        var exit = await LoadTestCommand.Create().Parse([
            "verify", "--url", "http://127.0.0.1:1", "--profile", "ollama", "--fake-url", rig.Fake.BaseAddress.ToString(), "--report-dir",
            reports.Path,
        ]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBe(BadInputExitCode);
        Directory.GetFileSystemEntries(reports.Path).ShouldBeEmpty();
    }
}
