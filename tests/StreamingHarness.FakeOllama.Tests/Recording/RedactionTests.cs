using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using static StreamingHarness.FakeOllama.Tests.Recording.RecordingTestHost;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Recording;

public sealed class RedactionTests
{
    [Fact]
    public async Task Record_Redact_KeepsEveryLineLengthAndOffsetButNoText()
    {
        using var folder = new TempFolder();
        await using var upstream = await StartUpstreamAsync(Upstream);
        await using var recorder = await StartRecorderAsync(upstream, folder.Path, redact: true);
        var request = RawHttpRequest.PostJson("/api/chat", """{"model":"up","messages":[{"role":"user","content":"secret question"}]}""");

        var response = await RawHttpClient.SendAsync(recorder.BaseAddress, request);

        var file = await RecordedFileAsync(recorder);
        var recording = Load(file);
        var text = File.ReadAllText(file);
        foreach (var word in new[] { "three", "four", "five", "secret", "question" })
        {
            text.ShouldNotContain(word, Case.Sensitive);
        }

        recording.Redacted.ShouldBeTrue();
        recording.Request.Prompt.ShouldBe("xxxxxx xxxxxxxx");
        recording.Lines.Select(l => l.Bytes.Length).ShouldBe(response.Lines.Select(l => Encoding.UTF8.GetByteCount(l) + 1));
        recording.Lines.Select(l => l.AtMs).ShouldBe(recorder.Journal.Entries.Single().LineTimesMs.Select(t => Math.Round(t, 3)));
        recording.Lines.Count(l => l.IsToken).ShouldBe(5);
        foreach (var line in recording.Lines)
        {
            using var json = JsonDocument.Parse(line.Bytes);
            json.RootElement.GetProperty("model").GetString().ShouldBe("up");
            json.RootElement.GetProperty("message").GetProperty("content").GetString()!.Trim('x', ' ').ShouldBeEmpty();
        }

        recording.Lines[1].Bytes.ShouldBe(
            Encoding.UTF8.GetBytes(response.Lines[1].Replace("\" two\"", "\" xxx\"", StringComparison.Ordinal) + "\n"));
    }

    [Theory]
    [InlineData(
        """{"message":{"role":"assistant","content":"caf\u00e9 \"ok\"\n"},"done":false}""",
        """{"message":{"role":"assistant","content":"xxxxxxxxx xxxxxxxx"},"done":false}""")]
    [InlineData(
        """{"response":"","done":true,"context":[128,8047,-3],"eval_count":12}""",
        """{"response":"","done":true,"context":[111,1111,-1],"eval_count":12}""")]
    [InlineData(
        """{"message":{"content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris","days":3}}}]},"done":"""
        + """false}""",
        """{"message":{"content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"xxxxx","days":1}}}]},"done":"""
        + """false}""")]
    [InlineData(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi there\"}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"xx xxxxx\"}}]}\n\n")]
    [InlineData("data: [DONE]\n\n", "data: [DONE]\n\n")]
    [InlineData("""{"error":"model runner has unexpectedly stopped"}""", """{"error":"model runner has unexpectedly stopped"}""")]
    [InlineData(
        """{"model":"m","message":{"role":"assistant","content":"Hel""", """{"model":"m","message":{"role":"assistant","content":"xxx""")]
    public void Redact_Line_MasksTextValuesOnlyAndKeepsTheByteCount(string line, string expected)
    {
        var redacted = Redactor.Redact(Encoding.UTF8.GetBytes(line));

        Encoding.UTF8.GetString(redacted).ShouldBe(expected);
        redacted.Length.ShouldBe(Encoding.UTF8.GetByteCount(line));
    }
}
