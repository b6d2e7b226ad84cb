using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Pipeline;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// <c>/api/generate</c>'s final chunk carries <c>context</c>, one id per prompt token: for a 27 MiB prompt a 30 MB
/// line (#26, point 7). It is written in bounded pieces, never whole, with the bytes it always had.
/// </summary>
public sealed class GenerateContextMemoryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Finish_MillionsOfContextIds_AllocatesNoLineOfThatSize(bool streaming)
    {
        const int Ids = 4_000_000;
        var (request, stream) = Open(Stream.Null, streaming, []);
        var writer = new NativeGenerateWriter(stream, "m", streaming, withContext: true, TimeProvider.System);

        var before = GC.GetAllocatedBytesForCurrentThread();
        await writer.FinishAsync("stop", Metrics(Ids - 3, 3));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        request.Entry.BytesWritten.ShouldBeGreaterThan(Ids * 6);
        // Before #26 the ids were an int[] (16 MB) and the line was framed whole (over 28 MB, in a growing buffer).
        allocated.ShouldBeLessThan(1024 * 1024);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Finish_WithContext_WritesTheIdsAsOneJsonArray(bool streaming, bool withFault)
    {
        // Past 271,183 ids, index * 7919 wraps around: the ids go negative, as the fake has always sent them.
        const int Ids = 300_000;
        var body = new MemoryStream();
        IStreamFault[] faults = withFault ? [new AfterDoneFault(AfterDoneExtra.Done, 1)] : [];
        var (_, stream) = Open(body, streaming, faults);
        var writer = new NativeGenerateWriter(stream, "m", streaming, withContext: true, TimeProvider.System);

        await writer.FinishAsync("stop", Metrics(Ids - 2, 2));
        await stream.CompleteAsync();
        stream.Dispose();

        var line = Encoding.UTF8.GetString(body.ToArray());
        var expected = Expected(line, Ids) + (streaming ? "\n" : "");
        line.ShouldBe(withFault ? expected + expected : expected);
    }

    /// <summary>The chunk as the serializer writes it with the whole id list, its created_at taken from the answer.</summary>
    private static string Expected(string written, int ids)
    {
        var first = written.Split('\n')[0];
        var createdAt = JsonDocument.Parse(first).RootElement.GetProperty("created_at").GetString()!;
        var chunk = new GenerateResponse
        {
            Model = "m", CreatedAt = createdAt, Done = true, DoneReason = "stop",
            Context = [.. Enumerable.Range(0, ids).Select(i => unchecked(128 + ((i * 7919) % 127_000)))],
        };
        Metrics(ids - 2, 2).CopyTo(chunk);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(json, chunk, ProtocolJson.Context.GenerateResponse);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static FinalChunkMetrics Metrics(int prompt, int eval) => new(1_000, 100, prompt, 200, eval, 300);

    private static (FakeRequest Request, ResponseStream Stream) Open(Stream body, bool streaming, IStreamFault[] faults)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = body;
        var entry = new JournalEntry(1, DateTimeOffset.UnixEpoch, "POST", "/api/generate", 16);
        var request = new FakeRequest(http, entry, TimeProvider.System, bodyLimit: 1024);
        var scenario = new Scenario { Name = "s", Faults = faults };
        var framing = streaming ? StreamFraming.Ndjson : StreamFraming.Json;
        return (request, new ResponseStream(request, scenario, framing, "application/x-ndjson", 1, 1));
    }
}
