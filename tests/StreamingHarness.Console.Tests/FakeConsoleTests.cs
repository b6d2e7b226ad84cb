using System.Net;
using System.Text;
using Microsoft.Playwright;
using Shouldly;
using StreamingHarness.Console.Tests.Browser;
using StreamingHarness.FakeOllama;
using StreamingHarness.FakeOllama.Scenarios;
using static Microsoft.Playwright.Assertions;

namespace StreamingHarness.Console.Tests;

/// <summary>The fake's console in chromium, with streams from a real HTTP client and the built-in scenarios.</summary>
public sealed class FakeConsoleTests : IAsyncLifetime
{
    private FakeOllamaServer _fake = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The built-in scenarios, and "paced": 40 tokens held after the fifth until released, so a stream is in flight
        // for as long as the test needs to look at it.
        var paced = new Scenario
        {
            Name = "paced",
            Description = "40 tokens, held after 5 until released",
            Models = [new ModelSpec { Name = "paced" }],
            Tokens = 40,
            InterTokenMs = 5,
            PauseAfterTokens = 5,
        };
        _fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, Scenarios = [paced] }, Ct);
        _client = new HttpClient { BaseAddress = _fake.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Console_Opened_LoadsWithNoErrorsAndListsTheScenarios()
    {
        await using var browser = await ChromiumSession.StartAsync();

        await OpenAsync(browser.Page);

        await Expect(browser.Page.Locator("#scenarios tbody tr", new() { HasText = "http-500" })).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("#scenarios tbody tr", new() { HasText = "paced" }))
            .ToContainTextAsync("5 ms between tokens, pauses after 5 tokens until released");
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_StreamFromAClient_ShowsLiveThenEndsWithTheClientsTokenCount()
    {
        await using var browser = await ChromiumSession.StartAsync();
        await OpenAsync(browser.Page);

        using var response = await StartStreamAsync("paced");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        for (var i = 0; i < 5; i++)
        {
            (await reader.ReadLineAsync(Ct)).ShouldNotBeNull();
        }

        var row = browser.Page.Locator("#streams tbody tr", new() { HasText = "paced" });
        await Expect(row.Locator("td.state")).ToHaveTextAsync("streaming");
        await Expect(row.Locator("td.tokens")).ToHaveTextAsync("5");
        await Expect(browser.Page.Locator("#paused")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync("fake-console.png");
        (await _client.PostAsync("/__fake/release", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = 5 + await CountTokenLinesAsync(reader);

        tokens.ShouldBe(40);
        await Expect(row.Locator("td.state")).ToHaveTextAsync("Completed (200)");
        await Expect(row.Locator("td.tokens")).ToHaveTextAsync("40");
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_MakeHttp500Active_TheNextClientRequestGets500()
    {
        await using var browser = await ChromiumSession.StartAsync();
        await OpenAsync(browser.Page);
        (await GenerateAsync("llama3.2")).ShouldBe(HttpStatusCode.OK);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Make http-500 the active scenario" }).ClickAsync();
        await Expect(browser.Page.Locator("#result")).ToContainTextAsync("PUT /__fake/active-scenario → 200");
        await Expect(browser.Page.Locator("#active-scenario")).ToHaveTextAsync("http-500");

        (await GenerateAsync("llama3.2")).ShouldBe(HttpStatusCode.InternalServerError);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Clear active scenario" }).ClickAsync();
        await Expect(browser.Page.Locator("#active-scenario")).ToHaveTextAsync("none");
        (await GenerateAsync("llama3.2")).ShouldBe(HttpStatusCode.OK);
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_ReleaseButton_ResumesAPausedStream()
    {
        await using var browser = await ChromiumSession.StartAsync();
        await OpenAsync(browser.Page);
        using var response = await StartStreamAsync("hold");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        await Expect(browser.Page.Locator("#paused")).ToHaveTextAsync("1");

        await browser.Page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Release paused streams") }).ClickAsync();

        (await CountTokenLinesAsync(reader)).ShouldBe(4);
        await Expect(browser.Page.Locator("#result")).ToContainTextAsync("""POST /__fake/release → 200 {"released":1}""");
        await Expect(browser.Page.Locator("#paused")).ToHaveTextAsync("0");
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_JournalRow_OpensTheTimelineBodyAndResponse()
    {
        await using var browser = await ChromiumSession.StartAsync();
        await OpenAsync(browser.Page);
        (await GenerateAsync("no-such-model")).ShouldBe(HttpStatusCode.NotFound);
        (await GenerateAsync("llama3.2")).ShouldBe(HttpStatusCode.OK);

        await browser.Page.Locator("#journal-filters input[name=model]").FillAsync("llama");
        await Expect(browser.Page.Locator("#journal tbody tr")).ToHaveCountAsync(1);
        await Expect(browser.Page.Locator("#journal tbody tr")).ToContainTextAsync("Completed");
        await browser.Page.Locator("#journal tbody tr").First.FocusAsync();
        await browser.Page.Keyboard.PressAsync("Enter");

        await Expect(browser.Page.Locator("#entry-title")).ToContainTextAsync("POST /api/generate");
        await Expect(browser.Page.Locator("#entry-body")).ToHaveTextAsync("""{"model":"llama3.2","prompt":"hi"}""");
        await Expect(browser.Page.Locator("#entry-response")).ToContainTextAsync("\"done\":true");
        await Expect(browser.Page.Locator("#entry-timeline tbody tr")).ToHaveCountAsync(_fake.Journal.Entries[^1].LineTimesMs.Count);
        await Expect(browser.Page.Locator("#entry-chart canvas")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("fake-console-entry.png");
        browser.Errors.ShouldBeEmpty();
    }

    private async Task OpenAsync(IPage page)
    {
        await page.GotoAsync(new Uri(_fake.BaseAddress, "/__fake/ui").ToString());
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
    }

    private async Task<HttpResponseMessage> StartStreamAsync(string model)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent($$"""{"model":"{{model}}","prompt":"hi"}""", Encoding.UTF8, "application/json"),
        };
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private async Task<HttpStatusCode> GenerateAsync(string model)
    {
        using var response = await _client.PostAsync(
            "/api/generate", new StringContent($$"""{"model":"{{model}}","prompt":"hi"}""", Encoding.UTF8, "application/json"), Ct);
        await response.Content.ReadAsStringAsync(Ct);
        return response.StatusCode;
    }

    /// <summary>Lines of the rest of the stream that carry a token (every line but the final <c>done</c> one).</summary>
    private static async Task<int> CountTokenLinesAsync(StreamReader reader)
    {
        var count = 0;
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            count += line.Contains("\"done\":false", StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
