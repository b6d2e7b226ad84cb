using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Reports;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Csv_QuotesDetailsWithCommasQuotesAndNewlines()
    {
        Directory.CreateDirectory(_temp.Path);
        var path = Path.Combine(_temp.Path, "samples.csv");
        var sample = new RequestSample(7, "c=1", "m", 1, 12.5, null, 1, 2, 3, 4, null, 2, true, 2, 1, 1, 1, 99,
            Outcome.Http(503, "{\"error\":\"busy, \"\nretry\"}"));

        await CsvReport.WriteAsync(path, [sample], TestContext.Current.CancellationToken);

        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        text.ShouldBe(
            CsvReport.Header + "\n"
            + "7,c=1,m,1,12.5,,1,2,3,4,,2,true,2,,1,1,1,99,,,,,,http_503,\"{\"\"error\"\":\"\"busy, \"\"\nretry\"\"}\"\n");
    }

    [Fact]
    public void SvgChart_NoData_SaysSo()
    {
        var svg = SvgChart.Lines("t", "x", "y", [new ChartSeries("s", [])]);

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("no data");
        svg.ShouldEndWith("</svg>");
    }

    [Fact]
    public void SvgChart_OnePointOnALogAxis_DrawsIt()
    {
        var svg = SvgChart.Lines("t", "x", "y", [new ChartSeries("s", [(5.0, 1.0)])], logX: true);

        svg.ShouldContain("<polyline");
        svg.ShouldContain("<circle");
        svg.ShouldNotContain("NaN");
        svg.ShouldNotContain("Infinity");
    }

    [Fact]
    public void DistributionBins_KeepEveryCount()
    {
        var histogram = new LogHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i * 100_000L);
        }

        var bins = DistributionBin.From(histogram);

        bins.Count.ShouldBe(40);
        bins.Sum(b => b.Count).ShouldBe(1000);
        bins.Zip(bins.Skip(1)).ShouldAllBe(p => p.First.UpperMs <= p.Second.LowerMs + 1e-9);
    }
}
