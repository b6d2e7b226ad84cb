using System.Buffers;
using System.Text;
using Shouldly;
using StreamingHarness.Relay.Caching;

namespace StreamingHarness.Relay.Tests.Caching;

public sealed class CachedStreamSerializerTests
{
    [Fact]
    public void Deserialize_Serialized_SameStreamAndSize()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}\n{\"b\":2}\n{\"done\":true}\n");
        var stream = new CachedStream(body, [8, 16, body.Length], [3, 20, 41]);
        var buffer = new ArrayBufferWriter<byte>();

        new CachedStreamSerializer().Serialize(stream, buffer);
        var back = new CachedStreamSerializer().Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));

        back.Body.ShouldBe(body);
        back.EventEnds.ShouldBe([8, 16, body.Length]);
        back.EventTimesMs.ShouldBe([3, 20, 41]);
        buffer.WrittenCount.ShouldBe((int)stream.Size);
    }

    [Theory]
    [InlineData(new byte[0], "version 0, expected 1")]
    [InlineData(new byte[] { 2, 1, 0, 0, 0 }, "version 2, expected 1")]
    [InlineData(new byte[] { 1, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, "event count 5 does not fit 13 bytes")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 65 }, "event end 3 outside 0..1 or not ascending")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 65, 66 }, "events end at 1, the body has 2 bytes")]
    public void Deserialize_Damaged_ThrowsNamingTheProblem(byte[] bytes, string problem) =>
        Should.Throw<InvalidDataException>(() => new CachedStreamSerializer().Deserialize(new ReadOnlySequence<byte>(bytes)))
            .Message.ShouldBe("cached stream: " + problem);
}
