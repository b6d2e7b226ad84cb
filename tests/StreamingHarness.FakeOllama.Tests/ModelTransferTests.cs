using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>/api/pull, /api/push, /api/create progress streams and /api/copy, /api/delete, /api/status.</summary>
public sealed class ModelTransferTests
{
    // Layers of 100, 250 and 10 bytes at 1000 B/s: 100 ms, 250 ms and 10 ms of transfer.
    private const string Puller =
        "name: t\nmodels:\n  - name: t\n    capabilities: [completion, tools]\nresponse: \"Hi\"\n"
        + "pull:\n  models: [fresh:7b]\n  layers: [100, 250, 10]\n  bytes_per_second: 1000\n";

    private static readonly string[] Digests =
    [
        Sha("fresh:7b#0"), Sha("fresh:7b#1"), Sha("fresh:7b#2"),
    ];

    private static string Sha(string text) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static RawHttpRequest Pull(string model, string extra = "") =>
        RawHttpRequest.PostJson("/api/pull", Q($"{{'model':'{model}'{extra}}}"));

    [Fact]
    public async Task Pull_StreamsOllamasProgress_ALineEvery60msPerLayer_ThenTheModelIsListed()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Puller);
        var response = await DriveAsync(clock, SendAsync(fake, Pull("fresh:7b")));
        response.StatusCode.ShouldBe(200);
        response.Header("Content-Type").ShouldBe("application/x-ndjson");
        string P(int layer, int total, int completed) =>
            $$"""{"status":"pulling {{Digests[layer][7..19]}}","digest":"{{Digests[layer]}}","""
            + $"\"total\":{total},\"completed\":{completed}}}";
        response.Lines.ShouldBe(
        [
            """{"status":"pulling manifest"}""",
            P(0, 100, 60),
            P(1, 250, 60), P(1, 250, 120), P(1, 250, 180), P(1, 250, 240),
            """{"status":"verifying sha256 digest"}""",
            """{"status":"writing manifest"}""",
            """{"status":"success"}""",
        ]);
        var entry = await FinishedEntryAsync(fake);
        entry.LineTimesMs.ShouldBe([0, 60, 160, 220, 280, 340, 360, 360, 360]);
        var tags = await SendAsync(fake, RawHttpRequest.Get("/api/tags"));
        JsonNode.Parse(tags.BodyText)!["models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>())
            .ShouldBe(["t:latest", "fresh:7b"]);
        (await SendAsync(fake, RawHttpRequest.PostJson("/api/generate", Q("{'model':'fresh:7b','prompt':'x','stream':false}")))).StatusCode
            .ShouldBe(200);
    }

    [Fact]
    public async Task Pull_Unknown_Is200ThenTheManifestErrorLine()
    {
        await using var fake = await StartAsync(Puller);

        var response = await SendAsync(fake, Pull("nothing"));

        response.StatusCode.ShouldBe(200);
        response.BodyText.ShouldBe(
            """{"status":"pulling manifest"}""" + "\n" + """{"error":"pull model manifest: file does not exist"}""" + "\n");
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
    }

    [Fact]
    public async Task Pull_StreamFalse_IsTheLastObjectOnly_AndAnInstalledModelIsACacheHit()
    {
        await using var fake = await StartAsync(Puller);

        var whole = await SendAsync(fake, Pull("t", ",'stream':false"));
        var streamed = await SendAsync(fake, Pull("t"));

        whole.Header("Content-Type").ShouldBe("application/json");
        whole.BodyText.ShouldBe("""{"status":"success"}""");
        // Installed already: one line per layer (the scenario's layers), all bytes there.
        var first = Sha("t:latest#0");
        streamed.Lines[1].ShouldBe($$"""{"status":"pulling {{first[7..19]}}","digest":"{{first}}","total":100,"completed":100}""");
        streamed.Lines.Count.ShouldBe(1 + 3 + 3);
    }

    [Fact]
    public async Task Pull_GetIs405_AndAnInvalidNameIs400()
    {
        await using var fake = await StartAsync(Puller);

        var get = await SendAsync(fake, RawHttpRequest.Get("/api/pull"));
        var bad = await SendAsync(fake, Pull("bad name!"));

        get.StatusCode.ShouldBe(405);
        get.BodyText.ShouldBe("405 method not allowed");
        bad.StatusCode.ShouldBe(400);
        bad.BodyText.ShouldBe("""{"error":"invalid model name"}""");
    }

    [Fact]
    public async Task Pull_StreamFaultsApply_DisconnectAfterTwoProgressLines()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Puller + "faults:\n  - kind: disconnect\n    after_tokens: 2\n");

        var response = await DriveAsync(clock, SendAsync(fake, Pull("fresh:7b")));

        response.End.ShouldBe(BodyEnd.ConnectionReset);
        response.Lines.Count.ShouldBe(2);
        (await FinishedEntryAsync(fake)).Ending.ShouldBe(StreamEnding.Fault);
    }

    [Fact]
    public async Task Push_Installed_StreamsRetrievingPushingSuccess_UnknownFailsAfterRetrieving()
    {
        var clock = new TestClock();
        await using var fake = await StartAsync(clock, Puller);

        var pushed = await DriveAsync(clock, SendAsync(fake, RawHttpRequest.PostJson("/api/push", Q("{'model':'t'}"))));
        var unknown = await SendAsync(fake, RawHttpRequest.PostJson("/api/push", Q("{'model':'ghost'}")));

        pushed.Lines[0].ShouldBe("""{"status":"retrieving manifest"}""");
        pushed.Lines[1].ShouldStartWith("""{"status":"pushing """);
        pushed.Lines.TakeLast(2).ShouldBe(["""{"status":"pushing manifest"}""", """{"status":"success"}"""]);
        unknown.Lines.ShouldBe(
        [
            """{"status":"retrieving manifest"}""", """{"status":"couldn't retrieve manifest"}""",
            """{"error":"open /root/.ollama/models/manifests/registry.ollama.ai/library/ghost/latest: no such file or directory"}""",
        ]);
    }

    [Fact]
    public async Task CreateCopyDelete_ChangeWhatIsListedAndServed()
    {
        await using var fake = await StartAsync(Puller);

        var created = await SendAsync(fake, RawHttpRequest.PostJson("/api/create", Q("{'model':'mine','from':'t','stream':false}")));
        var copied = await SendAsync(fake, RawHttpRequest.PostJson("/api/copy", Q("{'source':'mine','destination':'mine2'}")));
        var missing = await SendAsync(fake, RawHttpRequest.PostJson("/api/copy", Q("{'source':'nope','destination':'x'}")));
        var deleted = await SendAsync(fake, Delete("t"));
        var again = await SendAsync(fake, Delete("t"));

        created.BodyText.ShouldBe("""{"status":"success"}""");
        copied.StatusCode.ShouldBe(200);
        copied.BodyText.ShouldBe("");
        missing.StatusCode.ShouldBe(404);
        missing.BodyText.ShouldBe("""{"error":"model \"nope\" not found"}""");
        deleted.StatusCode.ShouldBe(200);
        again.StatusCode.ShouldBe(404);
        again.BodyText.ShouldBe("""{"error":"model 't' not found"}""");
        var tags = JsonNode.Parse((await SendAsync(fake, RawHttpRequest.Get("/api/tags"))).BodyText)!["models"]!.AsArray();
        tags.Select(m => m!["name"]!.GetValue<string>()).ShouldBe(["mine2:latest", "mine:latest"]);
        (await SendAsync(fake, RawHttpRequest.PostJson("/api/chat", Q("{'model':'t','messages':[]}")))).StatusCode.ShouldBe(404);
    }

    /// <summary>Moves the manual clock 10 ms at a time, whenever the transfer waits, until the response is in.</summary>
    private static async Task<RawHttpResponse> DriveAsync(TestClock clock, Task<RawHttpResponse> reading)
    {
        while (!reading.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => clock.PendingTimers == 1 || reading.IsCompleted, "the next tick");
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        return await reading;
    }

    private static RawHttpRequest Delete(string model) =>
        new("DELETE", "/api/delete", System.Text.Encoding.UTF8.GetBytes(Q($"{{'model':'{model}'}}")));

    [Fact]
    public async Task Status_SaysCloudIsEnabledBySetting()
    {
        await using var fake = await StartAsync(Puller);

        (await SendAsync(fake, RawHttpRequest.Get("/api/status"))).BodyText.ShouldBe("""{"cloud":{"disabled":false,"source":"none"}}""");
    }
}
