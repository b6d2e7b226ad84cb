using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Tests.Faults;
using static StreamingHarness.FakeOllama.Tests.Recording.RecordingTestHost;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Recording;

public sealed class RecordModeTests
{
    [Fact]
    public async Task Record_UpstreamPausedMidStream_ClientGetsFirstLinesBeforeUpstreamFinishes()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream + "\npause_after_tokens: 2");
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await RawHttpConnection.ConnectAsync(recorder.BaseAddress, cancel);
        await connection.SendAsync(FaultTestHost.Chat("up"), cancel);

        var head = await connection.ReadHeadAsync(cancel);
        head!.StatusCode.ShouldBe(200);
        head["Content-Type"].ShouldBe("application/x-ndjson");
        var early = new StringBuilder();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            // A buffering proxy fails here: nothing more arrives until the upstream is released.
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            while (early.ToString().Count(c => c == '\n') < 2)
            {
                early.Append((await connection.ReadBodyPieceAsync(deadline.Token))!.Text);
            }
        }

        // The two lines reached the client while the upstream is still holding its stream open.
        await Eventually.WaitUntilAsync(() => upstream.PausedStreams == 1, "the upstream stream is paused");
        upstream.Journal.Entries.Single().IsFinished.ShouldBeFalse();
        early.ToString().ShouldContain("\"content\":\" two\"");

        upstream.ReleasePausedStreams().ShouldBe(1);
        var response = await connection.ReadToEndAsync(cancel);

        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        response.Lines.Count.ShouldBe(6);
        response.Lines[^1].ShouldContain("\"done\":true");
        var recording = Load(await RecordedFileAsync(recorder));
        Body(recording).ShouldBe(response.Body);
        recording.Status.ShouldBe(200);
        recording.ContentType.ShouldBe("application/x-ndjson");
        recording.End.ShouldBe(RecordedEnd.Completed);
        recording.Request.Path.ShouldBe("/api/chat");
        recording.Request.Model.ShouldBe("up");
        recording.Request.Prompt.ShouldBe("hi");
        recording.Lines.Count(l => l.IsToken).ShouldBe(5);
    }

    [Theory]
    [InlineData("/api/chat")]
    [InlineData("/api/generate")]
    [InlineData("/v1/chat/completions")]
    public async Task Record_Stream_ClientGetsExactlyWhatTheUpstreamSendsDirectly(string path)
    {
        // On the manual clock the upstream's timestamps do not move, so two answers are byte-identical.
        using var folder = new TempFolder();
        await using var upstream = await FaultTestHost.StartAsync(
            FaultYaml.Baseline.Replace("name: base", "name: up", StringComparison.Ordinal));
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        var request = path switch
        {
            "/api/chat" => FaultTestHost.Chat("up"),
            "/api/generate" => FaultTestHost.Generate("up"),
            _ => FaultTestHost.OpenAiChat("up"),
        };

        var direct = await RawHttpClient.SendAsync(upstream.BaseAddress, request);
        var proxied = await RawHttpClient.SendAsync(recorder.BaseAddress, request);

        proxied.StatusCode.ShouldBe(direct.StatusCode);
        proxied.Header("Content-Type").ShouldBe(direct.Header("Content-Type"));
        proxied.End.ShouldBe(direct.End);
        proxied.Body.ShouldBe(direct.Body);
        Body(Load(await RecordedFileAsync(recorder))).ShouldBe(direct.Body);
    }

    [Fact]
    public async Task Record_ClientLeavesMidStream_RecordingKeepsWhatArrivedAndSaysSo()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream + "\npause_after_tokens: 2");
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        var cancel = TestContext.Current.CancellationToken;
        await using (var connection = await RawHttpConnection.ConnectAsync(recorder.BaseAddress, cancel))
        {
            await connection.SendAsync(FaultTestHost.Chat("up"), cancel);
            await connection.ReadHeadAsync(cancel);
            await Eventually.WaitUntilAsync(() => upstream.PausedStreams == 1, "the upstream stream is paused");
            await Eventually.WaitUntilAsync(
                () => recorder.Journal.Entries.Single().LinesWritten == 2, "two lines went through the recorder");
            connection.Reset();
        }

        var recording = Load(await RecordedFileAsync(recorder));

        recording.End.ShouldBe(RecordedEnd.ClientLeft);
        recording.Lines.Count.ShouldBe(2);
        recording.Lines.ShouldAllBe(l => l.IsToken);
        recorder.Journal.Entries.Single().Ending.ShouldBe(StreamEnding.ClientDisconnected);
        upstream.ReleasePausedStreams();
    }

    [Fact]
    public async Task Record_LineOffsets_AreWhenTheLinesArrivedAtTheRecorder()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);

        await RawHttpClient.SendAsync(recorder.BaseAddress, FaultTestHost.Generate("up"));

        var recording = Load(await RecordedFileAsync(recorder));
        var entry = recorder.Journal.Entries.Single();
        recording.Lines.Select(l => l.AtMs).ShouldBe(entry.LineTimesMs.Select(t => Math.Round(t, 3)));
        recording.Lines.Select(l => l.AtMs).ShouldBeInOrder(SortDirection.Ascending);
        recording.HeadersMs.ShouldBeLessThanOrEqualTo(recording.Lines[0].AtMs);
        entry.Scenario.ShouldBe("record");
        entry.Model.ShouldBe("up");
    }

    [Theory]
    [InlineData("disconnect", BodyEnd.ConnectionReset, RecordedEnd.Reset, 3)]
    [InlineData("abrupt-close", BodyEnd.EofWithoutTerminator, RecordedEnd.Eof, 3)]
    [InlineData("torn-line", BodyEnd.EofWithoutTerminator, RecordedEnd.Eof, 4)]
    [InlineData("error-midstream", BodyEnd.ChunkedTerminator, RecordedEnd.Completed, 4)]
    public async Task Record_UpstreamFault_ClientAndRecordingSeeItAsItHappened(
        string fault, BodyEnd clientEnd, RecordedEnd recordedEnd, int lines)
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(FaultYaml.With(fault, "after_tokens: 3"));
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);

        var response = await RawHttpClient.SendAsync(recorder.BaseAddress, FaultTestHost.Chat("t"));

        response.End.ShouldBe(clientEnd);
        var recording = Load(await RecordedFileAsync(recorder));
        recording.End.ShouldBe(recordedEnd);
        recording.Lines.Count.ShouldBe(lines);
        Body(recording).ShouldBe(response.Body);
        recorder.Journal.Entries.Single().Ending.ShouldBe(
            recordedEnd == RecordedEnd.Completed ? StreamEnding.Completed : StreamEnding.Fault);
    }

    [Fact]
    public async Task Record_UpstreamErrorStatus_KeepsStatusHeadersAndBody()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(FaultYaml.With("rate-limited-429"));
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);

        var response = await RawHttpClient.SendAsync(recorder.BaseAddress, FaultTestHost.Chat("t"));

        response.StatusCode.ShouldBe(429);
        var recording = Load(await RecordedFileAsync(recorder));
        recording.Status.ShouldBe(429);
        recording.Headers.ShouldContain(h => h.Key == "Retry-After" && h.Value == response.Header("Retry-After"));
        recording.ContentLength.ShouldBe(response.Body.Length);
        Body(recording).ShouldBe(response.Body);
        recording.Lines.Single().Kind.ShouldBe(Streaming.LineKind.Body);
    }

    [Fact]
    public async Task Record_UpstreamDropsBeforeHeaders_ClientIsDroppedAndStatusZeroRecorded()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(FaultYaml.With("drop-before-headers", "reset: true"));
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);

        var response = await RawHttpClient.SendAsync(recorder.BaseAddress, FaultTestHost.Chat("t"));

        response.Head.ShouldBeNull();
        response.End.ShouldBe(BodyEnd.ConnectionReset);
        var recording = Load(await RecordedFileAsync(recorder));
        recording.Status.ShouldBe(0);
        recording.End.ShouldBe(RecordedEnd.Reset);
        recording.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_UpstreamUnreachable_Answers502AndSavesNothing()
    {
        using var folder = new TempFolder();
        Uri gone;
        await using (var upstream = await StartUpstreamAsync(Upstream))
        {
            gone = upstream.BaseAddress;
        }

        await using var recorder = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { Scenarios = [new Scenarios.Scenario { Name = "unused" }],
            Record = new RecordingOptions { Upstream = gone, Directory = folder.Path } },
            TestContext.Current.CancellationToken);

        var response = await RawHttpClient.SendAsync(recorder.BaseAddress, FaultTestHost.Chat("up"));

        response.StatusCode.ShouldBe(502);
        response.BodyText.ShouldStartWith("{\"error\":\"record mode: cannot reach the upstream");
        Directory.EnumerateFileSystemEntries(folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_NameHeaderTwice_SecondGetsSuffixAndNothingIsOverwritten()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);
        var request = RawHttpRequest.PostJson("/api/generate", """{"model":"up","prompt":"hi"}""", (RecordingOptions.NameHeader, "my run"));

        await RawHttpClient.SendAsync(recorder.BaseAddress, request);
        await RawHttpClient.SendAsync(recorder.BaseAddress, request);

        Path.GetFileName(await RecordedFileAsync(recorder, 1)).ShouldBe("my-run.yaml");
        Path.GetFileName(await RecordedFileAsync(recorder, 2)).ShouldBe("my-run-2.yaml");
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ShouldBe(["my-run-2.yaml", "my-run.yaml"]);
    }

    [Fact]
    public async Task Record_OtherEndpoints_AreProxiedButNotSaved()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path);

        var tags = await RawHttpClient.SendAsync(recorder.BaseAddress, RawHttpRequest.Get("/api/tags"));

        tags.StatusCode.ShouldBe(200);
        tags.BodyText.ShouldContain("\"name\":\"up:latest\"");
        (await recorder.Journal.WaitForAsync(
            _ => true, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Detail.ShouldEndWith("proxied, not recorded");
        Directory.EnumerateFileSystemEntries(folder.Path).ShouldBeEmpty();
    }
}
