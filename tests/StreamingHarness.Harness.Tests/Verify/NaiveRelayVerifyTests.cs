using System.Text.Json;
using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Tests.Verify.NaiveRelays;
using StreamingHarness.Harness.Verify;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// verify against the deliberately naive relays with the classic defects switched on: exit 3 (ran and failed), and <c>verify.json</c>
/// fails exactly the cases those defects break, no other (the naive relays handle the rest, and verify must say so).
/// </summary>
public sealed class NaiveRelayVerifyTests
{
    /// <summary>
    /// The cases the defects whose effect does not depend on timing break: ignoring in-band errors → error-midstream,
    /// silent-truncation (the same fault on /api/chat), legacy-error; completing without done → early-eof; no idle
    /// timeout → stall; not cancelling the upstream → client-disconnect.
    /// </summary>
    private static readonly string[] DefectiveCases =
        ["client-disconnect", "early-eof", "error-midstream", "legacy-error", "silent-truncation", "stall"];

    /// <summary>
    /// Every defect but <see cref="NaiveDefects.SplitEachRead"/>, which has its own test: what a relay that splits each
    /// read on <c>\n</c> loses depends on where reads end, and under load reads gather more (a trickled line arrives
    /// whole; after huge-line's 10 MiB a read can end inside the next line). Deadlines as the reference relay's in
    /// these tests, although these defects switch them off.
    /// </summary>
    private static readonly NaiveRelayOptions TimingFreeDefects = new()
    {
        Defects = NaiveDefects.All & ~NaiveDefects.SplitEachRead,
        IdleTimeout = TimeSpan.FromSeconds(2),
        FirstLineTimeout = TimeSpan.FromSeconds(5),
    };

    private static string SseProfile => Path.Combine(AppContext.BaseDirectory, "Verify", "NaiveRelays", "naive-sse-relay.yaml");

    [Fact]
    public async Task Verify_NaiveSseRelayWithItsProfile_ExitsThreeAndNamesExactlyItsDefects()
    {
        var (exit, failed) = await VerifyAsync(
            async fake => await NaiveSseRelay.StartAsync(fake, TimingFreeDefects), r => r.BaseAddress, SseProfile, VerifyRig.TimeScale,
            null);

        exit.ShouldBe(3);
        failed.Select(f => f.Split(':')[0]).ShouldBe(DefectiveCases, string.Join(Environment.NewLine, failed));
    }

    [Fact]
    public async Task Verify_NaiveOllamaProxy_ExitsThreeAndNamesExactlyItsDefects()
    {
        var (exit, failed) = await VerifyAsync(
            async fake => await NaiveOllamaProxy.StartAsync(fake, TimingFreeDefects), p => p.BaseAddress, "ollama", VerifyRig.TimeScale,
            null);

        exit.ShouldBe(3);
        failed.Select(f => f.Split(':')[0]).ShouldBe(DefectiveCases, string.Join(Environment.NewLine, failed));
    }

    /// <summary>
    /// Splitting each read on <c>\n</c> fails trickle, whose lines come in pieces. At time scale 1 the pieces are
    /// 100 ms apart, so each is a read of its own however busy the machine (at 0.02 they are 2 ms apart, and a relay
    /// that reads late gets the line whole and passes). The healthy liveness check after it must still pass.
    /// </summary>
    [Theory]
    [InlineData("sse")]
    [InlineData("ollama")]
    public async Task Verify_SplitEachRead_FailsTrickle(string relay)
    {
        var options = new NaiveRelayOptions { Defects = NaiveDefects.SplitEachRead };
        var (exit, failed) = relay == "sse"
            ? await VerifyAsync(async fake => await NaiveSseRelay.StartAsync(fake, options), r => r.BaseAddress, SseProfile, 1, "trickle")
            : await VerifyAsync(async fake => await NaiveOllamaProxy.StartAsync(fake, options), p => p.BaseAddress, "ollama", 1, "trickle");

        exit.ShouldBe(3);
        failed.Select(f => f.Split(':')[0]).ShouldBe(["trickle"], string.Join(Environment.NewLine, failed));
    }

    /// <summary>
    /// The timing defects, each with the cases it must fail and the word its verdict names it by. A buffer is also an
    /// unbounded queue, so the buffering proxy fails slow-reader too; at the rig's time scale healthy's whole answer
    /// takes under the bound, so only incremental (paced the same at any scale) shows the buffer. The delaying proxy runs
    /// incremental alone: its 300 ms per line piles up on any faster stream (healthy fails too, as it should), and a
    /// long liveness check would follow every case. The timing defects are judged against verify's default bound; the
    /// queue, whose defect is not timing, against the rig's wider one, so that a stall of the busy machine during
    /// incremental cannot fail it (one did in CI: one token 400 ms late).
    /// </summary>
    [Theory]
    [InlineData(NaiveDefects.BufferWholeAnswer, "healthy,incremental,slow-reader", "incremental,slow-reader", "buffered: ", true)]
    [InlineData(NaiveDefects.DelayEachChunk, "incremental", "incremental", "delayed: ", true)]
    [InlineData(NaiveDefects.UnboundedQueue, "healthy,incremental,slow-reader", "slow-reader", "unbounded: ", false)]
    public async Task Verify_TimingDefect_FailsExactlyItsCasesNamingTheDefect(
        NaiveDefects defect, string cases, string expectedFailures, string verdict, bool defaultBound)
    {
        var options = TimingFreeDefects with { Defects = defect };
        var (exit, failed) = await VerifyAsync(
            async fake => await NaiveOllamaProxy.StartAsync(fake, options), p => p.BaseAddress, "ollama", VerifyRig.TimeScale, cases,
            defaultBound ? VerifySettings.DefaultMaxAddedDelay : VerifyRig.MaxAddedDelay);

        exit.ShouldBe(3);
        failed.Select(f => f.Split(":")[0]).ShouldBe(expectedFailures.Split(","), string.Join(Environment.NewLine, failed));
        failed.ShouldContain(f => f.StartsWith(expectedFailures.Split(',')[0] + ": " + verdict, StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs verify against the relay <paramref name="start"/> puts in front of a fresh fake (one per test: the fake's
    /// active scenario is global). The fake stops first: it aborts the streams the relay never cancelled (a stall that
    /// hangs, a long answer), and so ends the relay's handlers still reading them.
    /// </summary>
    private static async Task<(int Exit, string[] Failed)> VerifyAsync<TRelay>(
        Func<Uri, Task<TRelay>> start, Func<TRelay, Uri> address, string profile, double timeScale, string? cases,
        TimeSpan? maxAddedDelay = null)
        where TRelay : IAsyncDisposable
    {
        var rig = await VerifyRig.StartAsync(timeScale);
        var relay = await start(rig.Fake.BaseAddress);
        try
        {
            return await RunAsync(
                address(relay), profile, rig.Fake.BaseAddress, timeScale, cases, maxAddedDelay ?? VerifyRig.MaxAddedDelay);
        }
        finally
        {
            await rig.DisposeAsync();
            await relay.DisposeAsync();
        }
    }

    /// <summary>Runs the verify command; the failed cases as "case: observed", in order of case name.</summary>
    private static async Task<(int Exit, string[] Failed)> RunAsync(
        Uri service, string profile, Uri fake, double timeScale, string? cases, TimeSpan maxAddedDelay)
    {
        using var reports = new TempFolder();
        string[] args =
        [
            "verify", "--url", service.ToString(), "--profile", profile, "--fake-url", fake.ToString(),
            "--time-scale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stall-bound", "4s",
            "--report-dir", reports.Path,
            "--max-added-delay", $"{maxAddedDelay.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms",
            .. cases is null ? Array.Empty<string>() : ["--cases", cases],
        ];
        var exit = await LoadTestCommand.InvokeAsync(args, TestContext.Current.CancellationToken);
        var folder = Directory.GetDirectories(reports.Path).ShouldHaveSingleItem();
        using var json = JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "verify.json"), TestContext.Current.CancellationToken));
        string[] failed = [.. json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("verdict").GetString() == "fail")
            .Select(r => $"{r.GetProperty("case").GetString()}: {r.GetProperty("observed").GetString()}")
            .Order(StringComparer.Ordinal)];
        return (exit, failed);
    }
}
