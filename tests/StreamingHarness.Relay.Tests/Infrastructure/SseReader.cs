using System.Net.ServerSentEvents;
using System.Text;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>One parsed SSE event, as the platform's <see cref="SseParser"/> read it.</summary>
public sealed record SseEvent(string Type, string? Id, string Data);

public static class SseReader
{
    public static async Task<List<SseEvent>> ReadAllAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var events = new List<SseEvent>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            events.Add(new SseEvent(item.EventType, item.EventId, item.Data));
        }

        return events;
    }

    public static Task<List<SseEvent>> ReadAllAsync(byte[] bytes) => ReadAllAsync(new MemoryStream(bytes));

    public static Task<List<SseEvent>> ReadAllAsync(string text) => ReadAllAsync(Encoding.UTF8.GetBytes(text));
}
