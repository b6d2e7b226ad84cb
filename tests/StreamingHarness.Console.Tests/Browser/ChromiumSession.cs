using Microsoft.Playwright;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Prerequisites;

namespace StreamingHarness.Console.Tests.Browser;

/// <summary>
/// A headless Debian chromium driven by Playwright (its own browser download is not reachable here), one page, and every
/// error the page logs. Without chromium the test is skipped on a developer's machine and fails in CI (CI is set).
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private ChromiumSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions of the page so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<ChromiumSession> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            const string Install = "chromium is not installed: `apt-get install -y chromium` (as root)";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new MissingPrerequisiteException(Install);
            }

            Assert.Skip(Install + "; CI fails here instead of skipping");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        page.SetDefaultTimeout(15_000);
        return new ChromiumSession(playwright, browser, page);
    }

    /// <summary>
    /// Saves the whole page as reports/screenshots/<paramref name="name"/>. reports/ is not tracked: docs/images/ keeps
    /// copies of the ones the docs show.
    /// </summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryRoot.Combine("reports", "screenshots", name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
