using Microsoft.AspNetCore.Http;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Tests.Support;

/// <summary>A request whose body is already all there (a memory stream with its Content-Length), for reading bodies in place.</summary>
internal static class BodyRequests
{
    public static FakeRequest Of(byte[] body)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        var entry = new JournalEntry(1, DateTimeOffset.UnixEpoch, "POST", "/v1/chat/completions", 16);
        return new FakeRequest(http, entry, TimeProvider.System, bodyLimit: 1024);
    }
}
