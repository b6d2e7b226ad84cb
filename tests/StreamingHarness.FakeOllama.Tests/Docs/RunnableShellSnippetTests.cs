using System.Diagnostics;
using Shouldly;
using StreamingHarness.Testing.Docs;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.FakeOllama.Tests.Docs;

/// <summary>
/// Every bash block the documentation marks runnable runs with bash from the repository root and exits 0, on a free port
/// instead of Ollama's 11434 and with the fake already built beside the tests instead of <c>dotnet run</c> building it
/// (the only two substitutions). A block marked <c>runnable: fake</c> talks to a fake the test starts.
/// </summary>
public sealed class RunnableShellSnippetTests
{
    private const string OllamaPort = "127.0.0.1:11434";
    private const string RunTheFake = "dotnet run --project src/StreamingHarness.FakeOllama --";

    public static TheoryData<string> Snippets() => [.. RunnableSnippets.Find("bash").Select(s => s.Where)];

    [Fact]
    public void Find_Documentation_HasRunnableShellSnippets() =>
        RunnableSnippets.Find("bash").ShouldContain(s => s.Where.StartsWith("docs/fake.md:", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_OnAFreePort_ExitsZero(string where)
    {
        var ct = TestContext.Current.CancellationToken;
        var snippet = RunnableSnippets.Find("bash").Single(s => s.Where == where);
        var port = FreePort.Next();
        await using var fake = snippet.Needs.Contains("fake")
            ? await FakeOllamaServer.StartAsync(new FakeOllamaOptions { Urls = [$"http://127.0.0.1:{port}"], TimeScale = 0.01 }, ct)
            : null;
        var program = Path.Combine(AppContext.BaseDirectory, "StreamingHarness.FakeOllama.dll");
        var code = snippet.Code.Replace(OllamaPort, $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace(RunTheFake, $"dotnet \"{program}\"", StringComparison.Ordinal);

        using var bash = Process.Start(new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", code])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = bash.StandardOutput.ReadToEndAsync(ct);
        var errors = bash.StandardError.ReadToEndAsync(ct);
        await bash.WaitForExitAsync(ct);

        bash.ExitCode.ShouldBe(0, $"{where} failed:\n{await errors}\n{await output}");
        (await output).ShouldNotBeEmpty();
    }
}
