extern alias fake;
using System.Net;
using System.Text;
using fake::StreamingHarness.FakeOllama;
using Microsoft.Extensions.Logging;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;

namespace StreamingHarness.Relay.Tests.Hosting;

/// <summary>SIGTERM to a real relay process with streams in flight (the fake's <c>stall</c>: three tokens, then nothing).</summary>
public sealed class SigtermTests
{
    [Fact]
    public async Task Sigterm_StreamsInFlight_ReadyzTurns503_EachStreamEndsWithItsTerminalError_Exit0()
    {
        await using var upstream = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, MinimumLogLevel = LogLevel.Warning },
            TestContext.Current.CancellationToken);
        var (relay, baseAddress) = await RelayProcess.StartAsync(
            upstream.BaseAddress, new Dictionary<string, string> { ["Relay:Shutdown:DrainTimeout"] = "00:00:03" });
        await using var process = relay;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var sse = await OpenAsync(http, "/stream/chat");
        var ndjson = await OpenAsync(http, "/api/chat");
        await Eventually.WaitUntilAsync(
            () => Count(sse.Text, "event: token\n") == 3 && Count(ndjson.Text, "\n") == 3, "both streams have their three tokens");

        await relay.TerminateAsync();
        using var probe = new HttpClient { BaseAddress = baseAddress };
        await Eventually.WaitAsync(
            async () => (await probe.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode,
            status => status == HttpStatusCode.ServiceUnavailable,
            "/readyz answers 503 while the relay drains");
        await Task.WhenAll(sse.Ended, ndjson.Ended).WaitAsync(Eventually.DefaultDeadline, TestContext.Current.CancellationToken);

        sse.Text.ShouldEndWith(
            "event: error\ndata: {\"code\":\"shutting_down\",\"message\":\"the relay is shutting down; send the request again, "
            + "to another instance\",\"retryable\":true}\n\n");
        ndjson.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].ShouldBe(
            """{"error":"the relay is shutting down; send the request again, to another instance"}""");
        (await relay.WaitForExitAsync()).ShouldBe(0, relay.Output());
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0;
            at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<OpenStream> OpenAsync(HttpClient http, string path)
    {
        var response = await RelayHttp.PostAsync(http, path, ScenarioRun.Body("stall"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new OpenStream(response);
    }

    /// <summary>A response read to its end in the background; <see cref="Text"/> is what arrived so far.</summary>
    private sealed class OpenStream
    {
        private readonly StringBuilder _text = new();

        public OpenStream(HttpResponseMessage response) => Ended = ReadAsync(response);

        public Task Ended { get; }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        private async Task ReadAsync(HttpResponseMessage response)
        {
            using (response)
            {
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[4096];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    lock (_text)
                    {
                        _text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    }
                }
            }
        }
    }
}
