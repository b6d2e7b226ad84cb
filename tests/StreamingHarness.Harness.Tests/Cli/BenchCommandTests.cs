using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Cli;

/// <summary><c>bench</c>'s own input checks, which fail before any server starts.</summary>
[Collection(ConsoleUsers.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Bench_RelayBaselineMissing_ExitsOneNamingTheFile()
    {
        var missing = _temp.File("no-such-relay/StreamingHarness.Relay.dll");

        var (code, error) = await LoadTestCommandTests.RunCapturingErrorAsync(
            "bench", "--relay-only", "--relay-baseline", missing, "--aimock", "none", "--reports", _temp.File("reports"));

        code.ShouldBe(1);
        error.Trim().ShouldBe($"error: --relay-baseline: {missing} does not exist.");
    }
}
