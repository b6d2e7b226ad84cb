using System.Net.ServerSentEvents;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// Reads a custom profile's SSE stream with the platform's <see cref="SseParser"/>: tokens go to the timeline as
/// the built-in probes report them (so TTFT, ITL and throughput mean the same), the terminal ends the stream, an
/// error event fails it, and a stream without its terminal, or an event after it, is a protocol error.
/// </summary>
internal sealed class CustomSseProbe(RequestFactory requests, ProfileReader reader, string description) : IStreamProbe
{
    public string Description => description;

    public HttpRequestMessage CreateRequest(string model) => requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var texts = timeline.Texts;
        var capture = texts is not null;
        var parser = SseParser.Create(body, (type, data) => (Type: type, Message: reader.Read(type, data, capture)));
        var done = false;
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = timeline.Now;
            var message = item.Data.Message;
            if (message.Kind == ProfileMessageKind.Ignored)
            {
                continue;
            }

            if (done)
            {
                throw new StreamProtocolException($"event '{item.EventType}' after the done event");
            }

            switch (message.Kind)
            {
                case ProfileMessageKind.Error:
                    return StreamEnd.Failed(message.Detail!);
                case ProfileMessageKind.Unknown:
                    throw new StreamProtocolException(message.Detail!);
                case ProfileMessageKind.Done:
                    OnToken(timeline, texts, message, now);
                    timeline.OnTerminal(now, null);
                    done = true;
                    break;
                default:
                    OnToken(timeline, texts, message, now);
                    break;
            }
        }

        return done ? StreamEnd.Done : throw new StreamProtocolException("the SSE stream ended without its done event");
    }

    internal static void OnToken(RequestTimeline timeline, ICollection<string>? texts, ProfileMessage message, long now)
    {
        if (message.Text is { } text)
        {
            texts?.Add(text);
        }

        timeline.OnChunk(now, message.HasText);
    }
}
