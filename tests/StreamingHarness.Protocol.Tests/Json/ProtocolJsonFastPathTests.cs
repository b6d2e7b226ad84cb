using System.Buffers;
using System.Text.Json;
using Shouldly;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.Protocol.Tests.Json;

public sealed class ProtocolJsonFastPathTests
{
    private static ChatResponse Chunk() => new()
    {
        Model = "m",
        CreatedAt = "2025-10-26T17:21:21.1962491Z",
        Message = new ChatMessage { Content = "it's <b> & 1+1 \"é\"\n" },
    };

    [Fact]
    public void FastPath_WritesTheSameBytesAsTheConfiguredOptions()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions);

        JsonSerializer.Serialize(writer, Chunk(), ProtocolJson.FastPath(ProtocolJson.Context.ChatResponse));
        writer.Flush();

        buffer.WrittenSpan.ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(Chunk(), ProtocolJson.Context.ChatResponse));
    }

    [Fact]
    public void FastPath_SerializingAChunk_AllocatesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions);
        var chunk = Chunk();
        var typeInfo = ProtocolJson.FastPath(ProtocolJson.Context.ChatResponse);
        void WriteOnce()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, chunk, typeInfo);
            writer.Flush();
        }

        WriteOnce();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            WriteOnce();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(1000);
    }
}
