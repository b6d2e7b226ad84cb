using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.FakeOllama.Tests.Faults;
using static StreamingHarness.FakeOllama.Tests.Recording.RecordingTestHost;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Recording;

/// <summary>
/// Recordings made through the proxy from an upstream fake, then replayed by a third fake. Offsets are checked on the
/// manual clock: the test moves it to each scheduled offset, so the journal's line times must be exactly those.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_UnderTimeScale_SameBytesOneChunkPerLineAtScaledOffsets()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, FaultTestHost.Chat("up"));
        var recording = Load(file);
        var clock = new TestClock();
        await using var replay = await StartReplayAsync(clock, 0.5, ScenarioYamlReader.ReadFile(file));
        var name = Path.GetFileNameWithoutExtension(file);

        var sending = RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Chat(name));
        await DriveAsync(replay, clock, recording, 0.5, sending);
        var response = await sending;

        response.StatusCode.ShouldBe(200);
        response.Header("Content-Type").ShouldBe("application/x-ndjson");
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        response.Body.ShouldBe(Body(recording));
        response.Chunks.Select(c => c.Text).ShouldBe(recording.Lines.Select(l => Encoding.UTF8.GetString(l.Bytes)));
        var entry = await replay.Journal.WaitForAsync(
            e => e.Scenario == name, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        entry.LineTimesMs.Count.ShouldBe(recording.Lines.Count);
        for (var i = 0; i < recording.Lines.Count; i++)
        {
            entry.LineTimesMs[i].ShouldBe(
                recording.Lines[i].AtMs * 0.5, tolerance: 0.001,
                $"line {i + 1}: recorded {string.Join(", ", recording.Lines.Select(l => l.AtMs))}; "
                + $"replayed {string.Join(", ", entry.LineTimesMs)}");
        }

        entry.TokensDelivered.ShouldBe(5);
        entry.Ending.ShouldBe(StreamEnding.Completed);
    }

    [Fact]
    public async Task Replay_WithDisconnectAfterThreeTokens_SendsTheFirstThreeLinesExactlyThenResets()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, FaultTestHost.Chat("up"));
        var recording = Load(file);
        var layered = ScenarioYamlReader.Read(
            $"name: real-then-reset\nrecording: \"{file}\"\nfaults:\n  - kind: disconnect\n    after_tokens: 3\n", "layered.yaml",
            "layered");
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, layered);

        var response = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Chat("real-then-reset"));

        response.Body.ShouldBe([.. recording.Lines.Take(3).SelectMany(l => l.Bytes)]);
        response.End.ShouldBe(BodyEnd.ConnectionReset);
        var entry = await replay.Journal.WaitForAsync(
            e => e.Scenario == "real-then-reset", TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        entry.Ending.ShouldBe(StreamEnding.Fault);
        entry.TokensDelivered.ShouldBe(3);
        entry.Faults.Single().Fault.ShouldBe("disconnect");
        entry.Faults.Single().AtToken.ShouldBe(3);
    }

    [Theory]
    [InlineData("disconnect", "after_tokens: 3", BodyEnd.ConnectionReset)]
    [InlineData("torn-line", "after_tokens: 3", BodyEnd.EofWithoutTerminator)]
    [InlineData("drop-before-headers", "reset: true", BodyEnd.ConnectionReset)]
    [InlineData("drop-before-headers", "reset: false", BodyEnd.EofWithoutTerminator)]
    public async Task Replay_RecordedBrokenEnd_EndsTheSameWayAfterTheSameBytes(string fault, string setting, BodyEnd end)
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, FaultYaml.With(fault, setting), FaultTestHost.Chat("t"));
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, ScenarioYamlReader.ReadFile(file));

        var response = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Chat(Path.GetFileNameWithoutExtension(file)));

        response.Body.ShouldBe(Body(Load(file)));
        response.End.ShouldBe(end);
    }

    [Fact]
    public async Task Replay_RecordedErrorStatus_SameStatusHeadersAndBody()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, FaultYaml.With("rate-limited-429"), FaultTestHost.Chat("t"));
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, ScenarioYamlReader.ReadFile(file));

        var response = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Chat(Path.GetFileNameWithoutExtension(file)));

        response.StatusCode.ShouldBe(429);
        response.Header("Retry-After").ShouldBe("2");
        response.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        response.End.ShouldBe(BodyEnd.ContentLengthComplete);
        response.Body.ShouldBe(Body(Load(file)));
    }

    [Fact]
    public async Task Replay_OnAnotherPath_Answers400NamingTheRecordedOne()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, FaultTestHost.Chat("up"));
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, ScenarioYamlReader.ReadFile(file));
        var name = Path.GetFileNameWithoutExtension(file);

        var response = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Generate(name));

        response.StatusCode.ShouldBe(400);
        response.BodyText.ShouldBe(
            $$"""{"error":"scenario '{{name}}' replays a recording of POST /api/chat; send the request there, not to /api/generate"}""");
    }

    [Fact]
    public async Task Replay_PauseAfterTokens_HoldsTheStreamUntilReleased()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, FaultTestHost.Chat("up"));
        var held = ScenarioYamlReader.Read($"name: held\nrecording: \"{file}\"\npause_after_tokens: 2\n", "held.yaml", "held");
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, held);

        var sending = RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.Chat("held"));
        await Eventually.WaitUntilAsync(() => replay.PausedStreams == 1, "the replay pauses after two tokens");
        sending.IsCompleted.ShouldBeFalse();
        replay.ReleasePausedStreams();
        var response = await sending;

        response.Body.ShouldBe(Body(Load(file)));
    }

    [Fact]
    public async Task Replay_CommittedExamples_PlayTheRecordingAndTheResetAtTokenThree()
    {
        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = FakeOllamaOptions.BuiltInScenarioDirectory, TimeScale = 0.01 },
            TestContext.Current.CancellationToken);
        var recording = Load(Path.Combine(FakeOllamaOptions.BuiltInScenarioDirectory, "recorded", "example-chat.yaml"));

        var whole = await RawHttpClient.SendAsync(fake.BaseAddress, FaultTestHost.Chat("example-chat"));
        var reset = await RawHttpClient.SendAsync(fake.BaseAddress, FaultTestHost.Chat("example-chat-reset"));

        whole.Body.ShouldBe(Body(recording));
        whole.End.ShouldBe(BodyEnd.ChunkedTerminator);
        reset.Body.ShouldBe([.. recording.Lines.Take(3).SelectMany(l => l.Bytes)]);
        reset.End.ShouldBe(BodyEnd.ConnectionReset);
    }

    [Fact]
    public async Task Replay_OpenAiStream_SameEventsAndFaultsCountTheDeltas()
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, FaultTestHost.OpenAiChat("up"));
        var recording = Load(file);
        var layered = ScenarioYamlReader.Read(
            $"name: sse-reset\nrecording: \"{file}\"\nfaults:\n  - kind: disconnect\n    after_tokens: 2\n", "layered.yaml", "layered");
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, ScenarioYamlReader.ReadFile(file), layered);
        var name = Path.GetFileNameWithoutExtension(file);

        var whole = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.OpenAiChat(name));
        var reset = await RawHttpClient.SendAsync(replay.BaseAddress, FaultTestHost.OpenAiChat("sse-reset"));

        recording.ContentType.ShouldBe("text/event-stream");
        recording.Lines.Count(l => l.IsToken).ShouldBe(5);
        recording.Lines[^1].Kind.ShouldBe(LineKind.DoneMarker);
        whole.Body.ShouldBe(Body(recording));
        whole.Header("Content-Type").ShouldBe("text/event-stream");
        var secondToken = recording.Lines.Select((line, index) => (line, index)).Where(x => x.line.IsToken).ElementAt(1).index;
        reset.Body.ShouldBe([.. recording.Lines.Take(secondToken + 1).SelectMany(l => l.Bytes)]);
        reset.End.ShouldBe(BodyEnd.ConnectionReset);
    }

    /// <summary>Records one request through a proxy in front of an upstream running <paramref name="upstreamYaml"/>.</summary>
    private static async Task<string> RecordAsync(TempFolder folder, string upstreamYaml, RawHttpRequest request)
    {
        await using var upstream = await StartUpstreamAsync(upstreamYaml);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        await RawHttpClient.SendAsync(recorder.BaseAddress, request);
        return await RecordedFileAsync(recorder);
    }

    private static Task<FakeOllamaServer> StartReplayAsync(TimeProvider clock, double timeScale, params Scenario[] scenarios) =>
        FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = scenarios, TimeProvider = clock, TimeScale = timeScale },
            TestContext.Current.CancellationToken);

    /// <summary>Moves the manual clock to each scheduled offset in turn, once the replay is waiting for it.</summary>
    private static async Task DriveAsync(
        FakeOllamaServer replay, TestClock clock, RecordedExchange recording, double scale, Task until)
    {
        var offsets = recording.Lines.Select(l => l.AtMs * scale).ToList();
        if (recording.Lines[0].AtMs - recording.HeadersMs > 20)
        {
            offsets.Insert(0, recording.HeadersMs * scale);
        }

        // Up to the next whole tick: TimeSpan.FromMilliseconds truncates, and one tick short of a line's due time
        // would hold that line until the following advance.
        var advanced = TimeSpan.Zero;
        foreach (var due in offsets.Select(ms => TimeSpan.FromTicks((long)Math.Ceiling(ms * TimeSpan.TicksPerMillisecond))))
        {
            if (due <= advanced)
            {
                continue;
            }

            // The stream itself waiting in the pacing loop, not just any timer: advancing before it has asked for its
            // next slot would find that slot already past, released at the following advance.
            await Eventually.WaitUntilAsync(
                () => replay.Pacing.Waiting > 0 || until.IsCompleted, "the replay waits in the pacing loop for its next line");
            clock.Advance(due - advanced);
            advanced = due;
        }
    }
}
