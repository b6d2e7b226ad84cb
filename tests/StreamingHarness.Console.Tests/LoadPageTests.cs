using Microsoft.Playwright;
using Shouldly;
using StreamingHarness.Console.Tests.Browser;
using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;
using static Microsoft.Playwright.Assertions;

namespace StreamingHarness.Console.Tests;

/// <summary><c>load --ui</c> in chromium: the page follows a short run against an in-process fake, then links the report.</summary>
public sealed class LoadPageTests
{
    [Fact]
    public async Task LoadUi_DuringARun_UpdatesEachSecondThenLinksTheReport()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var scenario = new Scenario { Name = "paced", Models = [new ModelSpec { Name = "paced" }], Tokens = 20, InterTokenMs = 10 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario] }, TestContext.Current.CancellationToken);
        using var reports = new TempFolder();
        var port = FreePort.Next();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        string[] args =
        [
            "--fake-url", fake.BaseAddress.ToString(), "-t", "fake", "-m", "paced", "-c", "2", "-d", "4s", "--warmup", "0s",
            "--no-memory", "--no-live", "--reports", reports.Path, "--name", "live", "--threshold", "ttft.p99 < 10000ms",
            "--ui", $"{port}",
        ];
        var run = Task.Run(() => LoadTestCommand.InvokeAsync(args, stop.Token), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await Eventually.WaitAsync(() => HttpProbe.AnswersAsync(http, "/"), ok => ok, "the live page answers");

        await browser.Page.GotoAsync(http.BaseAddress!.ToString());
        await browser.Page.WaitForFunctionAsync("() => data.x.length >= 2");
        await Expect(browser.Page.Locator("#status")).ToContainTextAsync("running");
        (await browser.Page.Locator("#sent").TextContentAsync()).ShouldNotBe("0");
        await Expect(browser.Page.Locator("#thresholds tbody tr").First).ToContainTextAsync("ttft.p99 < 10000ms");
        await browser.ScreenshotAsync("load-live.png");
        await Expect(browser.Page.Locator("#report")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(browser.Page.Locator("#status")).ToHaveTextAsync("run over: PASSED");
        await browser.ScreenshotAsync("load-live-done.png");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Open the report" }).ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(new Uri(http.BaseAddress, "/report").ToString());
        await Expect(browser.Page.Locator("h1").First).ToContainTextAsync("live");
        await ExpectUPlotChartsAsync(browser.Page);

        // The same file opened from disk, as a CI artifact is: self-contained, the charts drawn offline.
        var report = Path.Combine(Directory.GetDirectories(reports.Path).ShouldHaveSingleItem(), "report.html");
        await browser.Page.GotoAsync(new Uri(report).AbsoluteUri);
        await ExpectUPlotChartsAsync(browser.Page);
        await browser.ScreenshotAsync("report.png");
        browser.Errors.ShouldBeEmpty();
        await stop.CancelAsync();
        (await run).ShouldBe(LoadTestCommand.Passed);
    }

    /// <summary>Every chart with data is drawn by uPlot (a canvas), and its SVG is hidden behind it.</summary>
    private static async Task ExpectUPlotChartsAsync(IPage page)
    {
        var withData = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('script.chart-data')].filter(s => JSON.parse(s.textContent).x.length > 0).length");
        withData.ShouldBeGreaterThan(2);
        await Expect(page.Locator("figure.uplot-chart canvas")).ToHaveCountAsync(withData);
        await Expect(page.Locator("svg.svg-fallback").First).ToBeHiddenAsync();
    }
}
