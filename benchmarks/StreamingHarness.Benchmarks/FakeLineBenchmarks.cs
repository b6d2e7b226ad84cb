using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Pipeline;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.Benchmarks;

/// <summary>
/// The fake's per-token path up to the socket: the /api/chat chunk (timestamp, JSON, newline) framed by the response
/// stream, journalled, and written to a response body that discards it.
/// </summary>
[MemoryDiagnoser]
public class FakeLineBenchmarks
{
    private NativeChatWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = Stream.Null;
        var entry = new JournalEntry(1, DateTimeOffset.UtcNow, "POST", "/api/chat", maxLineTimes: 1000);
        var request = new FakeRequest(http, entry, TimeProvider.System, bodyLimit: 1024);
        var stream = new ResponseStream(request, new Scenario { Name = "bench" }, StreamFraming.Ndjson, "application/x-ndjson", 1, 7);
        _writer = new NativeChatWriter(stream, "llama3.2", streaming: true, TimeProvider.System);
    }

    [Benchmark]
    public ValueTask<bool> ContentToken() => _writer.ContentAsync(" ipsu");
}
