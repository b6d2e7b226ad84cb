using System.Net;
using System.Text;
using Shouldly;
using StreamingHarness.Harness.Bench;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Bench;

/// <summary>
/// bench's anchors start as processes of their own and serve a stream correctly: YARP passes the upstream's lines
/// through byte for byte, the raw-socket relay floor turns them into the relay's SSE events. The upstream is the
/// floor server, whose lines are fixed bytes.
/// </summary>
public sealed class BenchAnchorTests
{
    private const string CreatedAt = "2026-11-30T08:00:00.0000000Z";

    private static readonly string NdjsonBody =
        Line("lore") + Line(" ipsu")
        + $$"""{"model":"bench-unpaced","created_at":"{{CreatedAt}}","message":{"role":"assistant","content":""},"done":true,"""
        + "\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":2}\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StartYarp_EitherMode_PassesTheUpstreamsLinesThroughExactly(bool tuned)
    {
        var upstream = await StartFloorAsync();
        await using var servers = new BenchServers();
        using var http = new HttpClient();

        var yarp = await servers.StartYarpAsync(http, upstream, tuned, TestContext.Current.CancellationToken);
        using var response = await PostAsync(http, yarp, "/api/chat");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(NdjsonBody);
    }

    [Fact]
    public async Task StartRelayFloor_OverNdjson_SendsOneSseEventPerLine()
    {
        var upstream = await StartFloorAsync();
        await using var servers = new BenchServers();
        using var http = new HttpClient();

        var relayFloor = await servers.StartRelayFloorAsync(http, upstream, TestContext.Current.CancellationToken);
        using var response = await PostAsync(http, relayFloor, "/stream/chat");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(
            "id: 0\nevent: start\ndata: {\"request_id\":\"floor\"}\n\n"
            + "id: 1\nevent: token\ndata: {\"index\":0,\"content\":\"lore\"}\n\n"
            + "id: 2\nevent: token\ndata: {\"index\":1,\"content\":\" ipsu\"}\n\n"
            + "id: 3\nevent: done\ndata: {\"done_reason\":\"stop\"}\n\n");
        relayFloor.Wire.ShouldBe(BenchWire.Sse);
    }

    private static string Line(string token) =>
        $$"""{"model":"bench-unpaced","created_at":"{{CreatedAt}}","message":{"role":"assistant","content":"{{token}}"},"done":false}"""
        + "\n";

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, BenchServer server, string path)
    {
        var body = $$"""{"model":"{{BenchText.UnpacedModel}}","messages":[{"role":"user","content":"hi"}],"stream":true}""";
        return http.PostAsync(
            new Uri($"http://{server.Endpoint}{path}"),
            new StringContent(body, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
    }

    /// <summary>The floor server with a two-token text, on a background thread (it serves until the process ends).</summary>
    private static async Task<IPEndPoint> StartFloorAsync()
    {
        var port = FreePort.Next();
        var floor = new FloorServer(new BenchText(2), TimeSpan.FromMilliseconds(20));
        new Thread(() => floor.Run(port)) { IsBackground = true }.Start();
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        using var http = new HttpClient();
        await Eventually.WaitAsync(() => IsUpAsync(http, endpoint), static up => up, "the floor listens");
        return endpoint;
    }

    private static async Task<bool> IsUpAsync(HttpClient http, IPEndPoint endpoint)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{endpoint}/"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
