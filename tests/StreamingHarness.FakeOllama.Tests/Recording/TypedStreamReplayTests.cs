using System.Text;
using Shouldly;
using StreamingHarness.Protocol.FakeAdmin;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Testing.Time;
using static StreamingHarness.FakeOllama.Tests.Recording.RecordingTestHost;

namespace StreamingHarness.FakeOllama.Tests.Recording;

/// <summary>
/// Responses, Messages and completions streams recorded through the proxy from an upstream fake, then replayed: the
/// same events byte for byte, each its own chunk at its scaled offset (on the manual clock), with the deltas counted as
/// tokens, so a fault layered on the recording fires at the same token as on the fake's own stream.
/// </summary>
public sealed class TypedStreamReplayTests
{
    public static TheoryData<string> Paths => ["/v1/responses", "/v1/messages", "/v1/completions"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Replay_TypedStreamUnderTimeScale_SameEventsOneChunkEachAtScaledOffsets(string path)
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, Request(path, "up"));
        var recording = Load(file);
        var clock = new TestClock();
        await using var replay = await StartReplayAsync(clock, 0.5, ScenarioYamlReader.ReadFile(file));
        var name = Path.GetFileNameWithoutExtension(file);

        var sending = RawHttpClient.SendAsync(replay.BaseAddress, Request(path, name));
        await DriveAsync(replay, clock, recording, 0.5, sending);
        var response = await sending;

        recording.Request.Path.ShouldBe(path);
        recording.Request.Prompt.ShouldBe("hi");
        recording.Lines.Count(l => l.IsToken).ShouldBe(5);
        recording.Lines.Select(l => l.Kind).Where(k => k is LineKind.Final or LineKind.DoneMarker)
            .ShouldBe(path == "/v1/completions" ? [LineKind.Final, LineKind.DoneMarker] : [LineKind.Final]);
        response.StatusCode.ShouldBe(200);
        response.Header("Content-Type").ShouldBe("text/event-stream");
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        response.Body.ShouldBe(Body(recording));
        response.Chunks.Select(c => c.Text).ShouldBe(recording.Lines.Select(l => Encoding.UTF8.GetString(l.Bytes)));
        var entry = await replay.Journal.WaitForAsync(
            e => e.Scenario == name, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        entry.LineTimesMs.ShouldBe([.. recording.Lines.Select(l => l.AtMs * 0.5)], tolerance: 0.001);
        entry.TokensDelivered.ShouldBe(5);
        entry.Ending.ShouldBe(StreamEnding.Completed);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Replay_TypedStreamWithDisconnectAfterTwoTokens_SendsUpToTheSecondDeltaThenResets(string path)
    {
        using var folder = new TempFolder();
        var file = await RecordAsync(folder, Upstream, Request(path, "up"));
        var recording = Load(file);
        var layered = ScenarioYamlReader.Read(
            $"name: typed-reset\nrecording: \"{file}\"\nfaults:\n  - kind: disconnect\n    after_tokens: 2\n", "layered.yaml", "layered");
        await using var replay = await StartReplayAsync(TimeProvider.System, 0.01, layered);

        var response = await RawHttpClient.SendAsync(replay.BaseAddress, Request(path, "typed-reset"));

        var secondToken = recording.Lines.Select((line, index) => (line, index)).Where(x => x.line.IsToken).ElementAt(1).index;
        response.Body.ShouldBe([.. recording.Lines.Take(secondToken + 1).SelectMany(l => l.Bytes)]);
        response.End.ShouldBe(BodyEnd.ConnectionReset);
        var entry = await replay.Journal.WaitForAsync(
            e => e.Scenario == "typed-reset", TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        entry.TokensDelivered.ShouldBe(2);
        entry.Faults.Single().AtToken.ShouldBe(2);
    }

    internal static RawHttpRequest Request(string path, string model) => path switch
    {
        "/v1/responses" => RawHttpRequest.PostJson(path, $$"""{"model":"{{model}}","input":"hi","stream":true}"""),
        "/v1/messages" => RawHttpRequest.PostJson(
            path, $$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"stream":true}"""),
        _ => RawHttpRequest.PostJson(path, $$"""{"model":"{{model}}","prompt":"hi","stream":true}"""),
    };
}
