using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Relay.Tests.A2a;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Hosting;

/// <summary>
/// In-process, on the relay's virtual clock: what each protocol's client sees when a shutdown's drain time runs out
/// while its stream is open (the built-in <c>stall</c> scenario: three tokens, then nothing).
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string ShuttingDown = "the relay is shutting down; send the request again, to another instance";

    [Fact]
    public async Task StreamChat_DrainEnds_SseErrorEventShuttingDown()
    {
        var clock = new TestClock();
        await using var env = await StartAsync(clock);
        var drain = env.Relay.Services.GetRequiredService<DrainCoordinator>();

        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", ScenarioRun.Body("stall"));
        var events = await RelayHttp.ReadEventsAsync(response, (e, tokens) =>
        {
            if (e.Type == "token" && tokens == 3)
            {
                EndDrain(drain, clock);
            }
        });

        events.Count(e => e.Type == "token").ShouldBe(3);
        events[^1].Type.ShouldBe("error");
        events[^1].Data.ShouldBe($$"""{"code":"shutting_down","message":"{{ShuttingDown}}","retryable":true}""");
    }

    [Fact]
    public async Task ApiChat_DrainEnds_NdjsonErrorLine()
    {
        var clock = new TestClock();
        await using var env = await StartAsync(clock);
        var drain = env.Relay.Services.GetRequiredService<DrainCoordinator>();

        using var response = await RelayHttp.PostAsync(env.Client, "/api/chat", ScenarioRun.Body("stall"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
            if (lines.Count == 3)
            {
                EndDrain(drain, clock);
            }
        }

        lines.Count.ShouldBe(4);
        lines[^1].ShouldBe($$"""{"error":"{{ShuttingDown}}"}""");
    }

    [Fact]
    public async Task A2aStreaming_DrainEnds_TaskFailedWithShuttingDown()
    {
        var clock = new TestClock();
        await using var env = await StartAsync(clock);
        var drain = env.Relay.Services.GetRequiredService<DrainCoordinator>();

        using var response = await A2aRpc.PostAsync(env.Client, A2aRpc.Send("SendStreamingMessage", "stall", 1));
        var chunks = 0;
        var events = await RelayHttp.ReadEventsAsync(response, (e, _) =>
        {
            if (e.Data.Contains("artifactUpdate", StringComparison.Ordinal) && ++chunks == 3)
            {
                EndDrain(drain, clock);
            }
        });

        var status = A2aRpc.Results(events)[^1].GetProperty("statusUpdate").GetProperty("status");
        status.GetProperty("state").GetString().ShouldBe("TASK_STATE_FAILED");
        status.GetProperty("message").GetProperty("metadata").GetProperty("code").GetString().ShouldBe("shutting_down");
    }

    [Fact]
    public async Task Draining_ReadyzIs503_NewWorkIs503ShuttingDown_HealthzStaysUp()
    {
        await using var relay = new RelayFactory(FreePort.ClosedAddress());
        using var client = relay.CreateClient();
        relay.Services.GetRequiredService<DrainCoordinator>().BeginDrain();

        using var ready = await RelayHttp.GetAsync(client, "/readyz");
        using var work = await RelayHttp.PostAsync(client, "/stream/chat", RelayHttp.ChatBody);
        using var health = await RelayHttp.GetAsync(client, "/healthz");

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.ShouldBeProblemAsync("shutting_down", retryable: true)).GetProperty("title").GetString().ShouldBe("Shutting down");
        work.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        work.Headers.GetValues("Retry-After").ShouldBe(["1"]);
        await work.ShouldBeProblemAsync("shutting_down", retryable: true);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static void EndDrain(DrainCoordinator drain, TestClock clock)
    {
        drain.BeginDrain();
        clock.Advance(TimeSpan.FromSeconds(1));
    }

    private static Task<RelayOverFake> StartAsync(TestClock clock) =>
        RelayOverFake.StartAsync(
            settings: new Dictionary<string, string?> { ["Relay:Shutdown:DrainTimeout"] = "00:00:01" },
            builtInScenarios: true,
            services: RelayFactory.Clock(clock));
}
