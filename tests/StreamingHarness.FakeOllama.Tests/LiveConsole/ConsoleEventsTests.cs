using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.LiveConsole;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Hosting.WebAssets;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.LiveConsole;

/// <summary><c>/__fake/events</c>: nothing per token, and a listener that stops reading costs the fake nothing.</summary>
public sealed class ConsoleEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_StreamOf200Tokens_SendsOneStartAndOneEndAndNothingPerToken()
    {
        var clock = new TestClock();
        var scenario = new Scenario { Name = "long", Models = [new ModelSpec { Name = "m" }], Tokens = 200 };
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [scenario], TimeProvider = clock }, Ct);
        using var http = TestScenarios.Client(fake);
        await using var feed = await http.GetStreamAsync("/__fake/events", Ct);
        await using var events = SseParser.Create(feed).EnumerateAsync(Ct).GetAsyncEnumerator(Ct);

        (await NextAsync(events)).EventType.ShouldBe("streams");
        var response = await http.PostAsync("/api/generate", new StringContent("""{"model":"m","prompt":"x"}"""), Ct);
        (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(201);
        var start = await NextAsync(events);
        var end = await NextAsync(events);
        clock.Advance(ConsoleEvents.TickInterval);
        var tick = await NextAsync(events);

        start.EventType.ShouldBe("start");
        end.EventType.ShouldBe("end");
        using var ended = JsonDocument.Parse(end.Data);
        ended.RootElement.GetProperty("tokens_delivered").GetInt32().ShouldBe(200);
        ended.RootElement.GetProperty("ending").GetString().ShouldBe("Completed");
        tick.EventType.ShouldBe("streams");
        tick.Data.ShouldBe("""{"active_scenario":null,"paused_streams":0,"streams":[]}""");
    }

    [Fact]
    public void Offer_QueueFull_DropsTheOldestAndKeepsCapacity()
    {
        var subscriber = new SseListener(capacity: 4);

        for (var i = 1; i <= 10; i++)
        {
            subscriber.Offer(new SseItem<string>($"{i}", "end"));
        }

        subscriber.Pending.ShouldBe(4);
        var kept = subscriber.ReadAllAsync(Ct).Take(4).Select(item => item.Data).ToBlockingEnumerable(Ct).ToList();
        kept.ShouldBe(["7", "8", "9", "10"]);
    }

    [Fact]
    public async Task Events_ListenerThatNeverReads_StreamsCarryOnAndItsQueueStopsAtCapacity()
    {
        await using var fake = await TestScenarios.StartAsync(TestScenarios.Hello());
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await stalled.ConnectAsync(fake.BaseAddress.Host == "localhost" ? "127.0.0.1" : fake.BaseAddress.Host, fake.BaseAddress.Port, Ct);
        await stalled.SendAsync(Encoding.ASCII.GetBytes("GET /__fake/events HTTP/1.1\r\nHost: fake\r\n\r\n"), Ct);
        await Eventually.WaitUntilAsync(() => fake.ConsoleEvents.Subscribers == 1, "the stalled listener is subscribed");
        using var http = TestScenarios.Client(fake);
        // Long paths make every start and end event a few kilobytes, so the socket and Kestrel's buffers fill quickly.
        var path = "/api/generate?pad=" + new string('x', 4000);
        var answered = 0;

        while (fake.ConsoleEvents.MostPending < ConsoleEvents.QueueCapacity && answered < 5000)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GenerateAsync(http, path)));
            batch.ShouldAllBe(text => text.Contains("\"done\":true", StringComparison.Ordinal));
            answered += batch.Length;
        }

        fake.ConsoleEvents.MostPending.ShouldBe(ConsoleEvents.QueueCapacity);
        await GenerateAsync(http, path);
        fake.ConsoleEvents.MostPending.ShouldBe(ConsoleEvents.QueueCapacity);
        fake.ActiveStreams.ShouldBe(0);
    }

    private static async Task<string> GenerateAsync(HttpClient http, string path)
    {
        using var response = await http.PostAsync(path, new StringContent("""{"model":"m","prompt":"x"}"""), Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        (await events.MoveNextAsync()).ShouldBeTrue("the event stream ended");
        return events.Current;
    }
}
