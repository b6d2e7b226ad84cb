using Shouldly;
using StreamingHarness.FakeOllama.Hosting;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class StandaloneHostTests
{
    [Fact]
    public async Task Run_PortInUse_PrintsAPlainMessageAndFails()
    {
        await using var first = await TestScenarios.StartAsync(TestScenarios.Hello());
        var url = first.BaseAddress.ToString().TrimEnd('/');
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await StandaloneHost.RunAsync(
            new FakeOllamaOptions { Urls = [url], Scenarios = [TestScenarios.Hello()] }, output, error,
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ToString().ShouldBe(
            $"error: cannot listen on {url}: the address is already in use (is Ollama or another fake running?). Choose another with "
            + $"--urls or OLLAMA_HOST.{Environment.NewLine}");
    }

    [Fact]
    public async Task Run_BadScenarioFolder_PrintsThePlainReason()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await StandaloneHost.RunAsync(
            new FakeOllamaOptions { ScenarioDirectory = "/no/such/folder" }, output, error, TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ToString().ShouldBe($"error: bad scenario: /no/such/folder: scenario folder not found{Environment.NewLine}");
    }

    [Fact]
    public async Task Run_ScenarioWithAnUnknownField_PrintsOneLineWithFileLineAndField()
    {
        using var folder = new StreamingHarness.Testing.Files.TempFolder();
        var file = folder.File("x.yaml");
        await File.WriteAllTextAsync(file, "name: x\nmodels: [{ name: m }]\ntokns: 5\n", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await StandaloneHost.RunAsync(
            new FakeOllamaOptions { ScenarioDirectory = folder.Path }, output, error, TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ToString().ShouldStartWith($"error: bad scenario: {file}:3");
        error.ToString().ShouldContain("'tokns'");
        error.ToString().TrimEnd().ShouldNotContain('\n');
    }

    [Fact]
    public async Task Run_UrlThatIsNoUrl_PrintsOneLineWithTheValue()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await StandaloneHost.RunAsync(
            new FakeOllamaOptions { Urls = ["notaurl"], Scenarios = [TestScenarios.Hello()] }, output, error,
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ToString().ShouldBe(
            "error: cannot listen on notaurl: Invalid url: 'notaurl' (--urls and OLLAMA_HOST take addresses such as "
            + $"http://127.0.0.1:11434).{Environment.NewLine}");
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:11434")]
    [InlineData("", "http://127.0.0.1:11434")]
    [InlineData("0.0.0.0", "http://0.0.0.0:11434")]
    [InlineData(":8080", "http://0.0.0.0:8080")]
    [InlineData("127.0.0.1:9000", "http://127.0.0.1:9000")]
    [InlineData("http://localhost", "http://localhost:80")]
    [InlineData("https://example.internal:8443/path", "https://example.internal:8443")]
    [InlineData("[::1]:7000", "http://[::1]:7000")]
    [InlineData("::1", "http://[::1]:11434")]
    public void OllamaHost_ReadsLikeOllama(string? value, string expected)
    {
        OllamaHost.ToUrl(value).ShouldBe(expected);
    }
}
