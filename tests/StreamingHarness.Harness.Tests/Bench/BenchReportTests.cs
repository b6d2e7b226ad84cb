using Shouldly;
using StreamingHarness.Harness.Bench;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>
/// The side-by-side table gives every row its ratio to the floor, and to its anchor when it has one, with the load
/// beside it; then each fresh process's first answer.
/// </summary>
public sealed class BenchReportTests
{
    private const string Scenario = "paced 20 ms, 960-token streams x256";

    [Fact]
    public void ToMarkdown_AnchoredRows_ListsEachRatioTargetAndLoad()
    {
        var settings = new BenchSettings(960, 16, 10, 256, 20, null, "/tmp");
        var report = new BenchReport("bench", DateTimeOffset.UnixEpoch, "2 cores", settings,
        [
            Row("floor", 10.0, 1.0, null, null, null, null),
            Row("YARP tuned", 23.2, 2.32, null, null, null, null),
            Row("relay /api/chat (pass-through)", 36.4, 3.64, "YARP tuned", 1.569, 1.0, false),
            Row("relay /stream/chat (SSE)", 47.3, 4.73, "relay floor", 1.2, 1.25, true),
        ],
        [new BenchStartup("fake", 412.4, "3.10 2.00 1.00")]);

        var lines = report.ToMarkdown().Split('\n');

        lines.ShouldContain($"| {Scenario} | floor | 256 | 1000 | 50 | 10.0 | 1.00 |  |  |  | 3.10 2.00 1.00 |  |");
        lines.ShouldContain(
            $"| {Scenario} | relay /api/chat (pass-through) | 256 | 1000 | 50 | 36.4 | 3.64 | 1.57× YARP tuned | ≤ 1.00× | no "
            + "| 3.10 2.00 1.00 |  |");
        lines.ShouldContain(
            $"| {Scenario} | relay /stream/chat (SSE) | 256 | 1000 | 50 | 47.3 | 4.73 | 1.20× relay floor | ≤ 1.25× | yes "
            + "| 3.10 2.00 1.00 |  |");
        lines.ShouldContain("| fake | 412 | 3.10 2.00 1.00 |");
    }

    [Fact]
    public void Tokens_Ndjson_LeavesOutEachStreamsDoneLine() => BenchWire.Ndjson.Tokens(961 * 3, 3).ShouldBe(960 * 3);

    [Fact]
    public void Tokens_Sse_LeavesOutEachStreamsStartAndDoneEvents() => BenchWire.Sse.Tokens(962 * 4 * 2, 2).ShouldBe(960 * 2);

    private static BenchRow Row(
        string server, double micros, double ratio, string? anchor, double? toAnchor, double? target, bool? met) =>
        new(Scenario, server, 256, 1000, 20, 50, micros, ratio, anchor, toAnchor, target, met, "3.10 2.00 1.00", "");
}
