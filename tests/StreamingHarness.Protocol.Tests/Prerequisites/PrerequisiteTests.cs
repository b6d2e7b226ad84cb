using Shouldly;
using StreamingHarness.Testing.Clients;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Prerequisites;

namespace StreamingHarness.Protocol.Tests.Prerequisites;

/// <summary>
/// What a fresh clone needs beyond the .NET SDK is installed by the build (the npm clients) or reported in one line.
/// </summary>
public sealed class PrerequisiteTests
{
    [Fact]
    public void NpmClients_AfterTheBuild_AreInstalledFromTheLockFile()
    {
        var stamp = new FileInfo(Path.Combine(NodeClients.Folder, "node_modules", ".streamingharness-npm-ci.stamp"));
        var lockFile = new FileInfo(Path.Combine(NodeClients.Folder, "package-lock.json"));

        stamp.Exists.ShouldBeTrue("StreamingHarness.Testing.csproj runs `npm ci` and writes this stamp when it builds");
        stamp.LastWriteTimeUtc.ShouldBeGreaterThanOrEqualTo(lockFile.LastWriteTimeUtc);
        Directory.Exists(Path.Combine(NodeClients.Folder, "node_modules", "ollama")).ShouldBeTrue();
    }

    [Fact]
    public void EnsureInstalled_PackageMissing_FailsWithOneLineAndNoStackTrace()
    {
        var error = Should.Throw<MissingPrerequisiteException>(() => NodeClients.EnsureInstalled("no-such-package"));

        error.Message.ShouldBe(
            $"The npm package no-such-package is not installed in {RepositoryRoot.Combine("tests", "clients")}: build again "
            + "with npm on PATH (the build runs `npm ci` there), or run `npm ci` in that folder.");
        error.StackTrace.ShouldBeNull();
    }
}
