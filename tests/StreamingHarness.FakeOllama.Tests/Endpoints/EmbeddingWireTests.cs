using System.Net.Http.Headers;
using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// The embedding endpoints' exact answers (status, content type, body, journal entry) to escaped, multibyte, invalid,
/// array and single-string inputs and to bad ones, pinned in <c>embeddings.golden.txt</c>. The file was written by the
/// fake before #26 read inputs from the body's bytes, so reading them in place must not change one byte of them.
/// </summary>
public sealed class EmbeddingWireTests
{
    private const string GoldenName = "embeddings.golden.txt";

    private static readonly byte[] InvalidUtf8 = [0xFF, (byte)'a', 0xC3];

    /// <summary>Endpoint, case name, body; <c>{bad}</c> in a body is replaced by bytes that are not UTF-8.</summary>
    private static readonly (string Path, string Name, string Body)[] Cases =
    [
        ("api/embed", "plain string", """{"model":"e","input":"plain text"}"""),
        ("api/embed", "escaped and multibyte string",
            """{"model":"e","input":"caf\u00e9 \"q\" a\nb\\c\/ \ud83d\ude00 日本語 don't"}"""),
        ("api/embed", "lone surrogate escapes", """{"model":"e","input":"x\ud800y\udc00"}"""),
        ("api/embed", "invalid UTF-8", """{"model":"e","input":"a{bad}b"}"""),
        ("api/embed", "array", """{"model":"e","input":["a","caf\u00e9","","日本 語","x\\y \n z"]}"""),
        ("api/embed", "array with dimensions", """{"model":"e","input":["a","b"],"dimensions":2}"""),
        ("api/embed", "keys in any case, trailing value", """ {"MODEL":"e","Input":"any case"} {"input":"no"}"""),
        ("api/embed", "duplicate input, last wins", """{"model":"e","input":[1],"input":"last"}"""),
        ("api/embed", "duplicate input, array last", """{"model":"e","input":"first","input":["b","c"]}"""),
        ("api/embed", "empty string", """{"model":"e","input":""}"""),
        ("api/embed", "empty array", """{"model":"e","input":[]}"""),
        ("api/embed", "null input", """{"model":"e","input":null}"""),
        ("api/embed", "no input", """{"model":"e"}"""),
        ("api/embed", "number", """{"model":"e","input":5}"""),
        ("api/embed", "array with a number", """{"model":"e","input":["a",1]}"""),
        ("api/embed", "nested array", """{"model":"e","input":[["a"]]}"""),
        ("api/embed", "object", """{"model":"e","input":{"a":"b"}}"""),
        ("api/embed", "unknown model", """{"model":"nope","input":"a"}"""),
        ("api/embed", "bad dimensions", """{"model":"e","input":"a","dimensions":"x"}"""),
        ("api/embed", "unterminated string", """{"model":"e","input":"abc"""),
        ("api/embed", "unterminated array", """{"model":"e","input":["a","b" """),
        ("api/embed", "bad array", """{"model":"e","input":["a",]}"""),
        ("api/embed", "empty body", ""),
        ("api/embeddings", "escaped and multibyte prompt", """{"model":"e","prompt":"caf\u00e9 \"q\"\n日本 \ud83d\ude00"}"""),
        ("api/embeddings", "invalid UTF-8", """{"model":"e","prompt":"{bad}"}"""),
        ("api/embeddings", "lone surrogate", """{"model":"e","prompt":"\udc00"}"""),
        ("api/embeddings", "empty prompt", """{"model":"e","prompt":""}"""),
        ("api/embeddings", "null prompt", """{"model":"e","prompt":null}"""),
        ("api/embeddings", "number prompt", """{"model":"e","prompt":5}"""),
        ("api/embeddings", "array prompt", """{"model":"e","prompt":["a"]}"""),
        ("api/embeddings", "no model", """{"prompt":"a"}"""),
        ("api/embeddings", "unknown model", """{"model":"nope","prompt":"a"}"""),
        ("api/embeddings", "unterminated", """{"model":"e","prompt":"a"""),
        ("v1/embeddings", "plain string", """{"model":"e","input":"plain text"}"""),
        ("v1/embeddings", "escaped and multibyte string", """{"model":"e","input":"caf\u00e9 \"q\"\t日本語 \ud83d\ude00"}"""),
        ("v1/embeddings", "invalid UTF-8", """{"model":"e","input":"{bad}"}"""),
        ("v1/embeddings", "empty string", """{"model":"e","input":""}"""),
        ("v1/embeddings", "array", """{"model":"e","input":["a","","caf\u00e9 x"]}"""),
        ("v1/embeddings", "array, base64", """{"model":"e","input":["a","b"],"encoding_format":"base64"}"""),
        ("v1/embeddings", "string, dimensions, BASE64", """{"model":"e","input":"x y","dimensions":3,"encoding_format":"BASE64"}"""),
        ("v1/embeddings", "duplicate input, last wins", """{"model":"e","input":[],"input":"z"}"""),
        ("v1/embeddings", "empty array", """{"model":"e","input":[]}"""),
        ("v1/embeddings", "null input", """{"model":"e","input":null}"""),
        ("v1/embeddings", "no input", """{"model":"e"}"""),
        ("v1/embeddings", "number", """{"model":"e","input":5}"""),
        ("v1/embeddings", "array with a number", """{"model":"e","input":["a",1]}"""),
        ("v1/embeddings", "bad encoding_format", """{"model":"e","input":"x","encoding_format":"int8"}"""),
        ("v1/embeddings", "unknown model", """{"model":"nope","input":"x"}"""),
        ("v1/embeddings", "unterminated array", """{"model":"e","input":["a" """),
        ("v1/embeddings", "empty body", ""),
    ];

    [Fact]
    public async Task EmbeddingEndpoints_EachInput_AnswerTheGoldenBytes()
    {
        await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions
        {
            Scenarios =
            [
                new Scenario { Name = "embed", Models = [new ModelSpec { Name = "e", Capabilities = ["embedding"], EmbeddingLength = 4 }] },
            ],
            TimeProvider = new TestClock(),
        }, TestContext.Current.CancellationToken);
        using var client = TestScenarios.Client(fake);
        var transcript = new StringBuilder();
        for (var i = 0; i < Cases.Length; i++)
        {
            var (path, name, body) = Cases[i];
            transcript.Append($"### {path}: {name}\n");
            await AppendAnswerAsync(transcript, fake, client, path, Bytes(body), i + 1);
        }

        var rendered = transcript.ToString().TrimEnd('\n');
        rendered.ShouldBe(GoldenText(rendered));
    }

    private static async Task AppendAnswerAsync(
        StringBuilder transcript, FakeOllamaServer fake, HttpClient client, string path, byte[] body, int id)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var entry = await fake.Journal.WaitForAsync(e => e.Id == id, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        transcript.Append($"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n{text}\n");
        transcript.Append($"journal: {entry.Status} {entry.Model} {entry.Scenario} {entry.Ending} ");
        transcript.Append($"{entry.TokensDelivered} {entry.LinesWritten} ");
        transcript.Append($"{entry.BytesWritten} {entry.DurationMs} {entry.Detail} | {entry.Body}\n\n");
    }

    private static byte[] Bytes(string body)
    {
        var parts = body.Split("{bad}");
        return [.. Encoding.UTF8.GetBytes(parts[0]), .. parts.Skip(1).SelectMany(part => InvalidUtf8.Concat(Encoding.UTF8.GetBytes(part)))];
    }

    /// <summary>The golden text; with <c>UPDATE_GOLDEN=1</c> it is first rewritten (review the file's diff before committing it).</summary>
    private static string GoldenText(string rendered)
    {
        var path = RepositoryRoot.Combine("tests", "StreamingHarness.FakeOllama.Tests", "Endpoints", GoldenName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, rendered + "\n");
        }

        return File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n');
    }
}
