using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Recording;

public sealed class RecordingFileTests
{
    /// <summary>A small valid recording; the corrupt-file cases below change one line of it.</summary>
    private const string Valid = """
        recording:
          request:
            method: POST
            path: "/api/chat"
            model: "llama3.2"
            body: "{}"
          response:
            status: 200
            headers_ms: 10
            headers:
              Content-Type: "application/x-ndjson"
            end: completed
            lines:
            - {at_ms: 10.5, text: "{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"}
            - {at_ms: 30, text: "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n"}
        """;

    [Fact]
    public void WriteThenRead_TrickyBytes_ComeBackExactly()
    {
        using var folder = new TempFolder();
        byte[][] lines =
        [
            Encoding.UTF8.GetBytes("{\"message\":{\"content\":\"caf\u00e9 \ud83d\ude00 \\u2028 \\\"q\\\"\"},\"done\":false}\r\n"),
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D, 0x0A],
            Encoding.UTF8.GetBytes("\t \u0001\n"),
            Encoding.UTF8.GetBytes("{\"message\":{\"content\":\"torn"),
        ];
        var exchange = new RecordedExchange
        {
            Request = new RecordedRequest("POST", "/api/chat", "m", "p: \"quoted\"\nnext", "{\"model\":\"m\"}"),
            Status = 200,
            Headers = [KeyValuePair.Create("Content-Type", "application/x-ndjson"), KeyValuePair.Create("X-Odd", "a: b # c")],
            HeadersMs = 1.25,
            Lines = [.. lines.Select((b, i) => new RecordedLine(2 + i, b, LineKind.Other))],
            End = RecordedEnd.Reset,
            Upstream = "http://127.0.0.1:11434/",
            RecordedAt = "2025-10-26T17:21:21.000Z",
        };

        var path = RecordingStore.Save(folder.Path, "tricky", RecordingYamlWriter.Write(exchange));
        var read = ScenarioYamlReader.ReadFile(path);

        read.Name.ShouldBe("tricky");
        var back = read.Recording!;
        back.Lines.Select(l => l.Bytes).ShouldBe(lines);
        back.Lines.Select(l => l.AtMs).ShouldBe([2, 3, 4, 5]);
        back.Lines[0].Kind.ShouldBe(LineKind.Content);
        back.Request.ShouldBe(exchange.Request);
        back.Headers.ShouldBe(exchange.Headers);
        back.HeadersMs.ShouldBe(1.25);
        back.End.ShouldBe(RecordedEnd.Reset);
        File.ReadAllText(path).ShouldContain("base64: ");
        Directory.GetFiles(folder.Path).ShouldBe([path]);
    }

    [Theory]
    [InlineData("- {at_ms: 30,", "- {at_ms: soon,", 15, "field 'at_ms' must be a number, not 'soon'")]
    [InlineData("- {at_ms: 30,", "- {at_ms: 3,", 15, "line 2: 'at_ms' 3 is earlier than the previous line's 10.5")]
    [InlineData(
        "\\\"Hi\\\"},\\\"done\\\":false}\\n\"}", "\\\"Hi\\\"},\\\"done\\\":false}\"}", 14,
        "line 1 of 2 does not end with a newline: only the last line may be torn")]
    [InlineData("- {at_ms: 30, text:", "- {at_ms: 30, base64: \"!!\", text:", 15, "line 2 needs exactly one of 'text' or 'base64'")]
    [InlineData("end: completed", "end: crashed", 12, "field 'end' must be one of completed, eof, reset, client-left, not 'crashed'")]
    [InlineData("status: 200", "status: 42", 8, "field 'status' must be 0 (no response) or an HTTP status from 100 to 599, not 42")]
    [InlineData("path: \"/api/chat\"", "path: \"api/chat\"", 4, "field 'path' must start with '/', not 'api/chat'")]
    [InlineData("headers_ms: 10", "headers_ms: 10\n    color: red", 10, "unknown field 'color'")]
    [InlineData("- {at_ms: 30,", "- {at_ms: 30, \"", 15, "not valid YAML")]
    public void Read_CorruptRecording_RejectedWithFileLineAndReason(string find, string replace, int line, string reason)
    {
        using var folder = new TempFolder();
        var file = folder.File("broken.yaml");
        File.WriteAllText(file, Valid.Replace(find, replace, StringComparison.Ordinal));

        var error = Should.Throw<ScenarioLoadException>(() => ScenarioYamlReader.ReadFile(file));

        error.File.ShouldBe(file);
        error.Line.ShouldBe(line);
        error.Reason.ShouldContain(reason);
        error.Message.ShouldStartWith($"{file}:{line}: ");
    }

    [Fact]
    public void Read_RecordingWithGeneratedAnswerFields_RejectedNamingTheField()
    {
        var error = Should.Throw<ScenarioLoadException>(
            () => ScenarioYamlReader.Read(Valid + "\nresponse: \"hello\"\n", "mixed.yaml", "mixed"));

        error.Line.ShouldBe(16);
        error.Reason.ShouldStartWith("field 'response' does not apply to a recorded scenario");
    }

    [Fact]
    public void Read_ReferenceToMissingRecording_RejectedWithTheLookedUpPath()
    {
        using var folder = new TempFolder();
        var file = folder.File("layered.yaml");
        File.WriteAllText(file, "faults: []\nrecording: nowhere.yaml\n");

        var error = Should.Throw<ScenarioLoadException>(() => ScenarioYamlReader.ReadFile(file));

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe($"field 'recording': recording file 'nowhere.yaml' not found (looked for {folder.File("nowhere.yaml")})");
    }

    [Fact]
    public void Read_ReferenceToAReference_Rejected()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.yaml"), "recording: b.yaml\n");
        File.WriteAllText(folder.File("b.yaml"), "recording: a.yaml\n");

        var error = Should.Throw<ScenarioLoadException>(() => ScenarioYamlReader.ReadFile(folder.File("a.yaml")));

        error.Reason.ShouldBe(
            "field 'recording': 'b.yaml' must hold a recording itself (a 'recording:' mapping, as record mode writes it)");
    }

    [Fact]
    public async Task Start_CorruptFileInRecordedFolder_StopsStartupNamingIt()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("recorded"));
        var file = Path.Combine(folder.File("recorded"), "bad.yaml");
        File.WriteAllText(file, Valid.Replace("status: 200", "status: two hundred", StringComparison.Ordinal));

        var error = await Should.ThrowAsync<ScenarioLoadException>(() => FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = folder.Path }, TestContext.Current.CancellationToken));

        error.Message.ShouldBe($"{file}:8: field 'status' must be a whole number, not 'two hundred'");
    }

    [Fact]
    public async Task Start_RecordedFolder_ServesEachRecordingAsAModelOfItsName()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("recorded"));
        File.WriteAllText(Path.Combine(folder.File("recorded"), "real-run.yaml"), Valid);

        await using var fake = await FakeOllamaServer.StartAsync(
            new FakeOllamaOptions { ScenarioDirectory = folder.Path }, TestContext.Current.CancellationToken);

        fake.ScenarioNames.ShouldBe(["real-run"]);
        fake.ModelNames.ShouldBe(["real-run:latest"]);
    }
}
