using System.Diagnostics;
using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Protocol.Tests.Hygiene;

/// <summary>What the README's own commands create in the clone never shows up as something to commit.</summary>
public sealed class GitIgnoreTests
{
    [Theory]
    [InlineData("feed/StreamingHarness.0.1.0.nupkg")]
    [InlineData(".tools/streamingharness")]
    [InlineData("tests/clients/node_modules/.streamingharness-npm-ci.stamp")]
    [InlineData("reports/20261206-073000-relay-llama3.2/report.html")]
    public async Task CheckIgnore_WhatTheReadmeCommandsCreate_IsIgnored(string path)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", "-q", path])
        {
            WorkingDirectory = RepositoryRoot.Path,
        })!;
        await git.WaitForExitAsync(TestContext.Current.CancellationToken);

        git.ExitCode.ShouldBe(0, $"{path} is not git-ignored");
    }
}
