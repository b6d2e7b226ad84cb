using System.Net.Http.Headers;
using Shouldly;
using StreamingHarness.Testing.Fuzzing;

namespace StreamingHarness.FakeOllama.Tests.Fuzzing;

/// <summary>
/// Broken bodies on every endpoint of the fake: never a 5xx without Ollama's error body, never an unhandled exception,
/// and the fake still answers afterwards. <c>FUZZ_ITERATIONS</c> / <c>FUZZ_SEED</c> make a longer or another run.
/// </summary>
public sealed class FakeFuzzTests
{
    private const string Options = """{"num_predict":3,"seed":1,"stop":["zz"],"temperature":0.5,"top_k":10}""";

    private const string Tools = """
        [{"type":"function","function":{"name":"f","description":"d",
          "parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}]
        """;

    /// <summary>Every endpoint that reads a body, each with a valid body using most of its fields.</summary>
    public static readonly IReadOnlyList<FuzzTarget> Targets =
    [
        Post("/api/chat", """
            {"model":"fuzz","messages":[{"role":"system","content":"s"},{"role":"user","content":"hi","images":["aGk="]},
             {"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"a":"b"}}}]},
             {"role":"tool","content":"r","tool_name":"f"}],
             "stream":true,"think":true,"format":"json","keep_alive":"5m","options":OPTIONS,"tools":TOOLS}
            """),
        Post("/api/chat", """
            {"model":"fuzz","messages":[{"role":"user","content":"hi"}],"stream":false,"think":"high","logprobs":true,
             "top_logprobs":2,"options":OPTIONS}
            """),
        Post("/api/generate", """
            {"model":"fuzz","prompt":"hi","suffix":"x","system":"s","template":"t","context":[1,2],"stream":true,"raw":false,
             "format":{"type":"object","properties":{"a":{"type":"string"}}},"images":["aGk="],"think":false,"keep_alive":0,
             "options":OPTIONS}
            """),
        Post("/api/generate", """{"model":"fuzz","prompt":"","keep_alive":"0s"}"""),
        Post("/v1/chat/completions", """
            {"model":"fuzz","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hi"},
             {"type":"image_url","image_url":{"url":"data:image/png;base64,aGk="}}]}],
             "stream":true,"stream_options":{"include_usage":true},"max_tokens":3,"seed":1,"stop":["zz"],"temperature":0.5,
             "top_p":0.9,"tools":TOOLS,"tool_choice":"auto","response_format":{"type":"json_object"},"reasoning_effort":"low"}
            """),
        Post("/v1/chat/completions", """
            {"model":"fuzz","messages":[{"role":"user","content":"hi"}],"stream":false,"stop":"zz","max_completion_tokens":2}
            """),
        Post("/v1/responses", """
            {"model":"fuzz","instructions":"be brief","stream":true,"max_output_tokens":3,"temperature":0.5,"top_p":0.9,
             "reasoning":{"effort":"low","summary":"auto"},"truncation":"disabled","text":{"format":{"type":"text"}},
             "input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]},{"type":"message","role":"assistant","content":"x"},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"a\":\"b\"}"},
              {"type":"function_call_output","call_id":"c1","output":"r"}],
             "tools":[{"type":"function","name":"f","description":"d","strict":false,"parameters":{"type":"object"}}]}
            """),
        Post("/v1/responses", """{"model":"fuzz","input":"hi"}"""),
        Post("/v1/messages", """
            {"model":"fuzz","max_tokens":3,"stream":true,"system":[{"type":"text","text":"s"}],"temperature":0.5,
             "stop_sequences":["zz"],"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"low"},
             "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"a":"b"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"r"}]}],
             "tools":[{"name":"f","description":"d","input_schema":{"type":"object"}}]}
            """),
        Post("/v1/messages", """{"model":"fuzz","max_tokens":3,"messages":[{"role":"user","content":"hi"}]}"""),
        Post("/v1/completions", """
            {"model":"fuzz","prompt":"hi","stream":true,"stream_options":{"include_usage":true},"max_tokens":3,"seed":1,
             "stop":["zz"],"temperature":0.5,"top_p":0.9,"suffix":"s","logprobs":2}
            """),
        Post("/v1/embeddings", """{"model":"fuzz","input":["a","b"],"dimensions":4,"encoding_format":"base64"}"""),
        Post("/api/embed", """
            {"model":"fuzz","input":["a","b"],"truncate":true,"dimensions":8,"keep_alive":"5m","options":{"num_ctx":8}}
            """),
        Post("/api/embed", """{"model":"fuzz","input":"a"}"""),
        Post("/api/embeddings", """{"model":"fuzz","prompt":"a","keep_alive":"1m","options":{}}"""),
        Post("/api/show", """{"model":"fuzz","verbose":true}"""),
        Post("/api/chat", """
            {"model":"fuzz","messages":[{"role":"user","content":"hi"}],"think":"max","format":{"type":"object","properties":
             {"n":{"type":"integer","minimum":1,"maximum":3},"l":{"type":"array","items":{"enum":["x"]},"minItems":1},
              "r":{"$ref":"#/$defs/d"}},"required":["n"],"$defs":{"d":{"type":"string","format":"uuid"}}},"tools":TOOLS}
            """),
        Post("/v1/chat/completions", """
            {"model":"fuzz","messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":3,"reasoning":{"effort":"xhigh"},
             "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object",
             "properties":{"a":{"type":"boolean"}}}}}}
            """),
        Post("/api/pull", """{"model":"fuzz","insecure":false,"stream":true}"""),
        Post("/api/push", """{"model":"fuzz","stream":false}"""),
        Post("/api/create", """{"model":"fuzz-copy","from":"fuzz","stream":true}"""),
        Post("/api/copy", """{"source":"fuzz","destination":"fuzz-2"}"""),
        Post("/__fake/scenarios", """
            {"name":"fuzz2","models":["fuzz2"],"response":"ok","first_token_ms":0,"tokens_per_second":1000,
             "faults":[{"type":"stall","after_tokens":1,"duration_ms":1}]}
            """),
        new FuzzTarget("PUT", "/__fake/active-scenario", """{"name":"fuzz"}"""),
    ];

    [Fact]
    public async Task Fuzz_BrokenBodies_NeverCrashTheFake()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var fake = await InProcessFake.StartAsync();
        var cases = Fuzzer.Cases(Targets, FuzzSettings.Iterations(3000), FuzzSettings.Seed);

        var report = await Fuzzer.RunAsync(cases, (c, ct) => SendAsync(fake, c, ct), cancellationToken);

        report.ShouldBeEmpty();
        fake.Errors().ShouldBeEmpty();
        await ShouldStillAnswerAsync(fake, cancellationToken);
    }

    private static FuzzTarget Post(string path, string body) =>
        FuzzTarget.Post(path, body.Replace("OPTIONS", Options, StringComparison.Ordinal).Replace("TOOLS", Tools, StringComparison.Ordinal));

    /// <summary>Null when the answer is acceptable, else what was wrong with it.</summary>
    private static async Task<string?> SendAsync(InProcessFake fake, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Target.Method), fuzzCase.Target.Path)
        {
            Content = new ByteArrayContent(fuzzCase.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await fake.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        return ErrorBodies.Check(status, body, ErrorBodies.IsOllamaError) ?? LayerShape(fuzzCase.Target.Path, status, body);
    }

    /// <summary>The Anthropic and OpenAI layers refuse in their own shape, whatever refused (the middleware or the handler).</summary>
    private static string? LayerShape(string path, int status, byte[] body)
    {
        if (status < 400 || !path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(body);
        var shaped = path == "/v1/messages"
            ? text.StartsWith("{\"type\":\"error\",\"error\":{\"type\":", StringComparison.Ordinal)
            : text.StartsWith("{\"error\":{\"message\":", StringComparison.Ordinal);
        return shaped ? null : $"{path} {status} not in its layer's error shape: {text}";
    }

    private static async Task ShouldStillAnswerAsync(InProcessFake fake, CancellationToken cancellationToken)
    {
        await fake.Client.DeleteAsync("/__fake/active-scenario", cancellationToken);
        using var chat = await fake.Client.PostAsync(
            "/api/chat",
            new StringContent("""{"model":"fuzz","messages":[{"role":"user","content":"hi"}],"stream":false}"""),
            cancellationToken);
        ((int)chat.StatusCode).ShouldBe(200, await chat.Content.ReadAsStringAsync(cancellationToken));
        (await chat.Content.ReadAsStringAsync(cancellationToken)).ShouldContain("\"done\":true");
    }
}
