using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class SchedulingTests
{
    private static HttpRequestMessage Chat() => new(HttpMethod.Post, "api/chat")
    {
        Content = new StringContent("""{"model":"busy","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task BeyondSlots_Waits_BeyondQueue_Is503WithOllamasMessage()
    {
        var scenario = new Scenario { Name = "busy", Response = "a b", Parallel = 1, MaxQueue = 1, PauseAfterTokens = 1 };
        await using var fake = await TestScenarios.StartAsync(scenario);
        using var client = TestScenarios.Client(fake);

        var first = client.SendAsync(Chat(), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => fake.PausedStreams == 1, "the first stream holds the only slot");
        var second = client.SendAsync(Chat(), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => fake.QueuedRequests == 1, "the second request waits for the slot");

        using var third = await client.SendAsync(Chat(), TestContext.Current.CancellationToken);
        third.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        third.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        (await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldBe("""{"error":"server busy, please try again.  maximum pending requests exceeded"}""");

        // Queued, the second request has no headers yet: waiting for a slot shows up as time to first token.
        second.IsCompleted.ShouldBeFalse();
        fake.ReleasePausedStreams().ShouldBe(1);
        using (var firstResponse = await first)
        {
            (await firstResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"done\":true");
        }

        await Eventually.WaitUntilAsync(() => fake.PausedStreams == 1, "the second stream got the slot and paused");
        fake.ReleasePausedStreams();
        using var secondResponse = await second;
        (await secondResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"done\":true");

        var busy = await fake.Journal.WaitForAsync(e => e.Status == 503, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        busy.Ending.ShouldBe(StreamEnding.Error);
        busy.Detail.ShouldBe("503 server busy, please try again.  maximum pending requests exceeded");
        var queued = await fake.Journal.WaitForAsync(e => e.Id == 2, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        (queued.Ending, queued.TokensDelivered).ShouldBe((StreamEnding.Completed, 2));
    }
}
