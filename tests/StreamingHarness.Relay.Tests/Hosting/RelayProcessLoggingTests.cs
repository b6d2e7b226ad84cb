extern alias fake;
using fake::StreamingHarness.FakeOllama;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Relay.Tests.Hosting;

/// <summary>The relay as a user starts it: its own process, from a folder that is not its own.</summary>
public sealed class RelayProcessLoggingTests
{
    [Fact]
    public async Task Relay_StartedFromAnotherFolder_LogsNothingPerRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [RelayOverFake.Fixed("fixed", "Quiet.")] }, ct);
        using var elsewhere = new TempFolder();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var http = new HttpClient { BaseAddress = address };
        await using var relay = await ServerProcess.StartAsync(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "StreamingHarness.Relay.dll"),
                "--urls", address.ToString().TrimEnd('/'),
                $"--Relay:Upstream:BaseUrl={fake.BaseAddress}",
            ],
            () => HttpProbe.AnswersAsync(http, "/healthz"),
            $"the relay answers at {address}",
            elsewhere.Path);

        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(
                "/api/chat", new StringContent("""{"model":"fixed","messages":[{"role":"user","content":"hi"}]}"""), ct);
            (await response.Content.ReadAsStringAsync(ct)).ShouldContain("\"done\":true");
        }

        await relay.TerminateAsync();
        await relay.WaitForExitAsync();
        var output = relay.Output();

        // Only start and stop lines (the host's, the drain's): no request, routing or HttpClient lines (4 to 8 per request
        // before).
        output.Split('\n').Where(l => l.StartsWith("info:", StringComparison.Ordinal))
            .ShouldAllBe(l => !l.StartsWith("info: Microsoft.AspNetCore.", StringComparison.Ordinal)
                && !l.StartsWith("info: System.Net.Http.", StringComparison.Ordinal), output);
        output.ShouldContain("info: Microsoft.Hosting.Lifetime");
        output.ShouldContain("Application is shutting down");
    }
}
