using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using CsCheck;
using Shouldly;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Streaming;

namespace StreamingHarness.Relay.Tests.Streaming;

public sealed class SseEventWriterPropertyTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 30];

    private static readonly Gen<(string Type, string Token)[]> Events =
        Gen.Select(Gen.OneOf(Gen.Const("token"), Gen.Const("thinking"), Gen.Const("done"), Gen.Const("error")), Text).Array[0, 20];

    [Fact]
    public void Write_AnyEvents_RoundTripThroughSseParser()
    {
        Events.Sample(events =>
        {
            var output = new ArrayBufferWriter<byte>();
            using (var writer = new SseEventWriter())
            {
                for (var i = 0; i < events.Length; i++)
                {
                    writer.Write(output, events[i].Type, new RelayTokenEvent(i, events[i].Token), ProtocolJson.Context.RelayTokenEvent);
                }
            }

            var parsed = SseParser.Create(new MemoryStream(output.WrittenMemory.ToArray())).Enumerate().ToList();

            parsed.Select(e => e.EventType).ShouldBe(events.Select(e => e.Type));
            parsed.Select(e => JsonSerializer.Deserialize(e.Data, ProtocolJson.Context.RelayTokenEvent)!.Content)
                .ShouldBe(events.Select(e => e.Token));
            parsed.Select(e => e.EventId).ShouldBe(events.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }
}
