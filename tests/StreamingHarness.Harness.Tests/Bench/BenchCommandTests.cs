using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Tests.Cli;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary><c>bench</c>'s options that are checked before any server starts.</summary>
[Collection(ConsoleUsers.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Bench_CompareFakeThatDoesNotExist_ExitsBadInputNamingItBeforeAnyServer()
    {
        var missing = _temp.File("old-fake/StreamingHarness.FakeOllama.dll");
        var reports = _temp.File("reports");
        var output = Console.Out;
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetOut(TextWriter.Null);
        Console.SetError(captured);
        int code;
        try
        {
            code = await LoadTestCommand.InvokeAsync(
                ["bench", "--fakes-only", "--aimock", "none", "--compare-fake", missing, "--reports", reports],
                TestContext.Current.CancellationToken);
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }

        code.ShouldBe(LoadTestCommand.BadInput);
        captured.ToString().ShouldBe($"error: --compare-fake: {missing} does not exist.{Environment.NewLine}");
        Directory.Exists(reports).ShouldBeFalse();
    }
}
