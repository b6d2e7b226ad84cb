using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Hosting;

/// <summary>A configuration the relay cannot run with: one line on stderr, exit code 1, no stack trace (a real process).</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Start_ApiKeyTooShort_OneMaskedLineAndExit1()
    {
        var run = await RelayProcess.RunAsync(new Dictionary<string, string> { ["Relay:Auth:ApiKeys:0"] = "secret-123" });

        run.ExitCode.ShouldBe(1);
        run.StandardError.ShouldBe(
            "error: invalid configuration: Relay:Auth:ApiKeys:0 (<masked, 10 characters>) must be at least 16 characters "
            + "without surrounding spaces.\n");
        run.StandardOutput.ShouldNotContain("secret-123");
    }

    [Fact]
    public async Task Start_MaxRetriesOutOfRange_NamesTheSettingTheValueAndTheRule()
    {
        var run = await RelayProcess.RunAsync(new Dictionary<string, string> { ["Relay:Retry:MaxRetries"] = "99" });

        run.ExitCode.ShouldBe(1);
        run.StandardError.ShouldBe(
            "error: invalid configuration: Relay:Retry:MaxRetries='99': The field Relay:Retry:MaxRetries must be between 0 and 10.\n");
    }

    [Fact]
    public async Task Start_NotANumber_NamesTheSettingTheValueAndTheType()
    {
        var run = await RelayProcess.RunAsync(new Dictionary<string, string> { ["Relay:Retry:MaxRetries"] = "lots" });

        run.ExitCode.ShouldBe(1);
        run.StandardError.ShouldStartWith("error: invalid configuration: Relay:Retry:MaxRetries='lots': ");
        run.StandardError.ShouldEndWith("(expected System.Int32).\n");
        run.StandardError.Count(c => c == '\n').ShouldBe(1);
    }
}
