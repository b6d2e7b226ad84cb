using Shouldly;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Harness.Tests.Profiles;

public sealed class ProfileFileTests : IDisposable
{
    private const string Valid = """
        name: my-sse-relay
        request:
          method: POST
          path: /stream
          body: '{"model":"{{model}}","prompt":"{{prompt}}","max":{{max_tokens}}}'
          headers: { Authorization: "Bearer {{env:VERIFY_TEST_KEY}}" }
        framing: sse
        token: { event: content, text: $.content }
        done:  { event: complete }
        error: { event: error, message: $.message }
        ignore: [start, end]
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_TheIssuesExample_ReadsEveryKey()
    {
        Environment.SetEnvironmentVariable("VERIFY_TEST_KEY", "k123");
        var profile = ProfileFile.Load(Write(Valid)).Definition;

        profile.Name.ShouldBe("my-sse-relay");
        profile.Method.ShouldBe(HttpMethod.Post);
        profile.Path.ShouldBe("/stream");
        profile.Body!.Render("m\"1", "say \"hi\"\n", null, json: true).ShouldBe("""{"model":"m\"1","prompt":"say \"hi\"\n","max":1024}""");
        profile.Headers.Single().Key.ShouldBe("Authorization");
        profile.Headers.Single().Value.Render("m", "p", 5, json: false).ShouldBe("Bearer k123");
        profile.Framing.ShouldBe(ProfileFraming.Sse);
        (profile.TokenEvent, profile.TokenText.Text, profile.DoneEvent, profile.ErrorEvent, profile.ErrorMessage!.Text)
            .ShouldBe(("content", "$.content", "complete", "error", "$.message"));
        profile.Ignore.Order().ShouldBe(["end", "start"]);
    }

    [Theory]
    [InlineData("framing: sse", "framing: websocket", 7, "framing 'websocket' is not sse or ndjson")]
    [InlineData(
        "ignore: [start, end]", "ignore: [start, end]\nretries: 3", 12,
        "unknown key 'retries' (allowed here: name, request, framing, token, done, error, ignore)")]
    [InlineData(
        "token: { event: content, text: $.content }", "token: { event: content, text: content }", 8,
        "'text': 'content' is not a JSON path: it must start with '$', as in $.content or $.message.text")]
    [InlineData(
        "token: { event: content, text: $.content }", "token: { event: content }", 8,
        "'token' needs 'text': the JSON path of the token's text, as in $.content")]
    [InlineData("  path: /stream", "  path: stream", 4, "path 'stream' must start with '/' (the base URL comes from --url)")]
    [InlineData(
        "{{env:VERIFY_TEST_KEY}}", "{{env:VERIFY_UNSET_VARIABLE}}", 6,
        "'Authorization': environment variable 'VERIFY_UNSET_VARIABLE' (from {{env:VERIFY_UNSET_VARIABLE}}) is not set")]
    [InlineData(
        "{{max_tokens}}", "{{temperature}}", 5,
        "'body': unknown placeholder {{temperature}}: use {{model}}, {{prompt}}, {{max_tokens}} or {{env:NAME}}")]
    [InlineData(
        "done:  { event: complete }", "done:  { }", 9,
        "'done' needs 'event' (the terminal event's name) or 'when' (a condition on its data)")]
    [InlineData(
        "done:  { event: complete }", "done:  { event: complete, when: $.done = true }", 9,
        "'when': '$.done = true' is not a condition: write '<path> == <value>', as in $.done == true")]
    public void Load_BadProfile_IsRejectedWithFileLineAndReason(string good, string bad, int line, string reason)
    {
        Environment.SetEnvironmentVariable("VERIFY_TEST_KEY", "k123");
        var path = Write(Valid.Replace(good, bad, StringComparison.Ordinal));

        Should.Throw<FormatException>(() => ProfileFile.Load(path)).Message.ShouldBe($"{path}:{line}: {reason}");
    }

    [Fact]
    public void Load_NdjsonWithAnEventName_IsRejected()
    {
        var path = Write("""
            name: lines
            request: { path: /chat, body: '{}' }
            framing: ndjson
            token: { text: $.message.content }
            done: { event: complete, when: $.done == true }
            """);

        Should.Throw<FormatException>(() => ProfileFile.Load(path)).Message
            .ShouldBe($"{path}:5: ndjson lines have no event names: use 'when' (done) or a JSON path (text, message)");
    }

    [Fact]
    public void Load_NotYaml_SaysWhere()
    {
        var path = Write("name: x\nrequest: [unclosed\n");

        Should.Throw<FormatException>(() => ProfileFile.Load(path)).Message.ShouldStartWith($"{path}:");
    }

    [Fact]
    public void Resolve_UnknownName_ListsTheBuiltIns()
    {
        Should.Throw<FormatException>(() => BuiltInProfiles.Resolve("grpc")).Message
            .ShouldBe(
                "--profile: 'grpc' is neither a built-in profile (ollama, openai, responses, anthropic, relay, a2a) nor an existing YAML "
                + "file.");
    }

    [Fact]
    public void Resolve_TheShippedExample_Loads()
    {
        BuiltInProfiles.Resolve("scenarios/profiles/relay-sse.yaml").Name.ShouldBe("relay-sse");
    }

    private string Write(string text)
    {
        Directory.CreateDirectory(_folder.Path);
        var path = Path.Combine(_folder.Path, $"p{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
