extern alias fake;
using System.Net.Http.Headers;
using fake::StreamingHarness.FakeOllama.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing.Fuzzing;

namespace StreamingHarness.Relay.Tests.Fuzzing;

/// <summary>
/// Broken bodies on the relay's own <c>/stream</c> API, its A2A agent (<c>/a2a</c>) and the Ollama pass-through, with
/// the fake as upstream: never a 5xx without a ProblemDetails (<c>/stream</c>, <c>/a2a</c>) or Ollama's error body
/// (<c>/api</c>), an <c>/a2a</c> answer always a JSON-RPC response or an SSE stream, never an unhandled exception
/// logged, and the relay still streams afterwards.
/// </summary>
public sealed class RelayFuzzTests
{
    private const string Tools = """
        [{"type":"function","function":{"name":"f","description":"d",
          "parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}]
        """;

    public static readonly IReadOnlyList<FuzzTarget> Targets =
    [
        Post("/stream/chat", """
            {"model":"fuzz","messages":[{"role":"system","content":"s"},{"role":"user","content":"hi","images":["aGk="]}],
             "think":true,"format":"json","keep_alive":"5m","tools":TOOLS,"max_tokens":3,"temperature":0.5,"stop":["zz"],
             "options":{"num_predict":3,"seed":1,"top_k":10}}
            """),
        Post("/stream/generate", """
            {"model":"fuzz","prompt":"hi","system":"s","images":["aGk="],"think":"low",
             "format":{"type":"object","properties":{"a":{"type":"string"}}},"seed":1,"options":{"num_predict":3,"stop":["zz"]}}
            """),
        Post("/api/chat", """
            {"model":"fuzz","messages":[{"role":"user","content":"hi","images":["aGk="]}],"think":true,"format":"json",
             "keep_alive":"5m","tools":TOOLS,"options":{"num_predict":3,"seed":1,"stop":["zz"]}}
            """),
        Post("/api/generate", """
            {"model":"fuzz","prompt":"hi","system":"s","stream":false,"think":false,"images":["aGk="],"keep_alive":0,
             "options":{"num_predict":3,"temperature":0.5}}
            """),
        Post("/a2a", """
            {"jsonrpc":"2.0","id":1,"method":"SendStreamingMessage","params":{"message":{"messageId":"m","role":"ROLE_USER",
             "contextId":"c","parts":[{"text":"hi"},{"data":{"a":1}}],"metadata":{"model":"fuzz"}},"metadata":{"model":"fuzz"}}}
            """),
        Post("/a2a", """
            {"jsonrpc":"2.0","id":"s","method":"message/send","params":{"message":{"kind":"message","messageId":"m","role":"user",
             "parts":[{"kind":"text","text":"hi"}],"metadata":{"model":"fuzz"}}}}
            """),
        Post("/a2a", """{"jsonrpc":"2.0","id":2,"method":"tasks/cancel","params":{"id":"0199a2f0-0000-7000-8000-000000000000"}}"""),
    ];

    private static readonly Scenario Fast = new()
    {
        Name = "fuzz",
        Response = "Hello from the fuzz scenario.",
        Thinking = "Thinking briefly.",
        Parallel = 64,
    };

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Every body is one client: the limiter would answer most with 429 and the fuzz would test nothing.
        ["Relay:RateLimits:Enabled"] = "false",
        ["Relay:Retry:MaxRetries"] = "0",

        // Production has no developer exception page: an unhandled exception is the empty 500 clients would get.
        ["environment"] = "Production",
    };

    [Fact]
    public async Task Fuzz_BrokenBodies_NeverCrashTheRelay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var env = await RelayOverFake.StartAsync([Fast], Settings, services: s => s.AddLogging(l => l.AddFakeLogging()));
        var cases = Fuzzer.Cases(Targets, FuzzSettings.Iterations(2000), FuzzSettings.Seed);

        var report = await Fuzzer.RunAsync(cases, (c, ct) => SendAsync(env.Client, c, ct), cancellationToken);

        report.ShouldBeEmpty();
        Errors(env).ShouldBeEmpty();
        using var healthy = await RelayHttp.PostAsync(
            env.Client, "/stream/chat", RelayHttp.ChatBody.Replace("\"m\"", "\"fuzz\"", StringComparison.Ordinal));
        (await RelayHttp.ReadEventsAsync(healthy))[^1].Type.ShouldBe("done");
    }

    private static async Task<string?> SendAsync(HttpClient client, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Target.Method), fuzzCase.Target.Path)
        {
            Content = new ByteArrayContent(fuzzCase.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (fuzzCase.Target.Path == "/a2a" && response.StatusCode == System.Net.HttpStatusCode.OK && !IsJsonRpcAnswer(response, body))
        {
            return "/a2a answered 200 with neither a JSON-RPC response nor an SSE stream: " + System.Text.Encoding.UTF8.GetString(body);
        }

        var ownApi = !fuzzCase.Target.Path.StartsWith("/api/", StringComparison.Ordinal);
        return ErrorBodies.Check((int)response.StatusCode, body, ownApi ? ErrorBodies.IsProblemDetails : ErrorBodies.IsOllamaError);
    }

    private static bool IsJsonRpcAnswer(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return true;
        }

        try
        {
            using var answer = System.Text.Json.JsonDocument.Parse(body);
            var root = answer.RootElement;
            return root.GetProperty("jsonrpc").GetString() == "2.0"
                && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static IReadOnlyList<string> Errors(RelayOverFake env) =>
    [
        .. env.Relay.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level >= LogLevel.Error)
            .Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}"),
    ];

    private static FuzzTarget Post(string path, string body) =>
        FuzzTarget.Post(path, body.Replace("TOOLS", Tools, StringComparison.Ordinal));
}
