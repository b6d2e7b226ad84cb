using System.Text.Json;
using Shouldly;
using StreamingHarness.LoadTests.Cli;
using StreamingHarness.LoadTests.Tests.Verify.NaiveRelays;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.LoadTests.Tests.Verify;

/// <summary>
/// verify against the deliberately naive relays, every classic defect switched on: exit 1, and <c>verify.json</c>
/// fails exactly the cases those defects break, no other (the naive relays handle the rest, and verify must say so).
/// </summary>
public sealed class NaiveRelayVerifyTests
{
    /// <summary>
    /// The cases the defects break: splitting reads on <c>\n</c> → trickle; ignoring in-band errors → error-midstream,
    /// silent-truncation (the same fault on /api/chat), legacy-error; completing without done → early-eof; no idle
    /// timeout → stall; not cancelling the upstream → client-disconnect.
    /// </summary>
    private static readonly string[] DefectiveCases =
        ["client-disconnect", "early-eof", "error-midstream", "legacy-error", "silent-truncation", "stall", "trickle"];

    /// <summary>The naive relays' deadlines as the reference relay's in these tests: the idle one far inside verify's stall bound.</summary>
    private static readonly NaiveRelayOptions AllDefects = new()
    {
        Defects = NaiveDefects.All,
        IdleTimeout = TimeSpan.FromSeconds(2),
        FirstLineTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Verify_NaiveSseRelayWithItsProfile_ExitsOneAndNamesExactlyItsDefects()
    {
        var profile = Path.Combine(AppContext.BaseDirectory, "Verify", "NaiveRelays", "naive-sse-relay.yaml");

        var (exit, failed) = await VerifyAsync(async fake => await NaiveSseRelay.StartAsync(fake, AllDefects), r => r.BaseAddress, profile);

        exit.ShouldBe(1);
        failed.ShouldBe(DefectiveCases);
    }

    [Fact]
    public async Task Verify_NaiveOllamaProxy_ExitsOneAndNamesExactlyItsDefects()
    {
        var (exit, failed) = await VerifyAsync(async fake => await NaiveOllamaProxy.StartAsync(fake, AllDefects), p => p.BaseAddress, "ollama");

        exit.ShouldBe(1);
        failed.ShouldBe(DefectiveCases);
    }

    /// <summary>
    /// Runs verify against the relay <paramref name="start"/> puts in front of a fresh fake (one per test: the fake's
    /// active scenario is global). The fake stops first: it aborts the streams the relay never cancelled (a stall that
    /// hangs, a long answer), and so ends the relay's handlers still reading them.
    /// </summary>
    private static async Task<(int Exit, string[] Failed)> VerifyAsync<TRelay>(Func<Uri, Task<TRelay>> start, Func<TRelay, Uri> address, string profile)
        where TRelay : IAsyncDisposable
    {
        var rig = await VerifyRig.StartAsync();
        var relay = await start(rig.Fake.BaseAddress);
        try
        {
            return await RunAsync(address(relay), profile, rig.Fake.BaseAddress);
        }
        finally
        {
            await rig.DisposeAsync();
            await relay.DisposeAsync();
        }
    }

    private static async Task<(int Exit, string[] Failed)> RunAsync(Uri service, string profile, Uri fake)
    {
        using var reports = new TempFolder();
        var exit = await LoadTestCommand.InvokeAsync(
            ["verify", "--url", service.ToString(), "--profile", profile, "--fake-url", fake.ToString(),
             "--time-scale", VerifyRig.TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stall-bound", "4s", "--report-dir", reports.Path],
            TestContext.Current.CancellationToken);
        var folder = Directory.GetDirectories(reports.Path).ShouldHaveSingleItem();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "verify.json"), TestContext.Current.CancellationToken));
        string[] failed = [.. json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("verdict").GetString() == "fail")
            .Select(r => r.GetProperty("case").GetString()!)
            .Order(StringComparer.Ordinal)];
        return (exit, failed);
    }
}
