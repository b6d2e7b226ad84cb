using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shouldly;
using StreamingHarness.FakeOllama.Pipeline;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Tests.Pipeline;

/// <summary>A template's line must be the serializer's line byte for byte, for every text it takes.</summary>
public sealed class TokenLineTemplateTests
{
    private static readonly string[] Models = ["m", "llama3.2:1b", "we\"ird\\ <&> model ü 😀\u2028\u0001"];

    private static readonly DateTimeOffset[] Times =
    [
        new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(5_000_000),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567),
    ];

    public static TheoryData<string> Fitting => ["", "Hello", " world", "it's 1+1", "naïve café", "日本語", "\u007f", "ü\u00a0€"];

    public static TheoryData<string> Escaped =>
    [
        "\"", "say \"hi\"", "back\\slash", "\n", "tab\t", "\r\b\f", "\u0000", "\u001f", "<", ">", "&", "\u2028", "\u2029",
        "emoji 😀",
    ];

    [Theory]
    [MemberData(nameof(Fitting))]
    public void Write_ChatContent_IsTheSerializersLine(string text)
    {
        TokenLineTemplate.Fits(text).ShouldBeTrue();
        foreach (var model in Models)
        {
            var template = TokenLineTemplate.Create(
                Serialize(Chat(model, "", "", null), ProtocolJson.Context.ChatResponse), "\"content\":"u8);
            foreach (var time in Times)
            {
                Write(template, time, text).ShouldBe(
                    Serialize(Chat(model, OllamaTimestamp.Format(time), text, null), ProtocolJson.Context.ChatResponse));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fitting))]
    public void Write_ChatThinking_IsTheSerializersLine(string text)
    {
        foreach (var model in Models)
        {
            var template = TokenLineTemplate.Create(
                Serialize(Chat(model, "", "", ""), ProtocolJson.Context.ChatResponse), "\"thinking\":"u8);
            Write(template, Times[2], text).ShouldBe(
                Serialize(Chat(model, OllamaTimestamp.Format(Times[2]), "", text), ProtocolJson.Context.ChatResponse));
        }
    }

    [Theory]
    [MemberData(nameof(Fitting))]
    public void Write_GenerateResponseAndThinking_AreTheSerializersLines(string text)
    {
        foreach (var model in Models)
        {
            var response = TokenLineTemplate.Create(
                Serialize(Generate(model, "", "", null), ProtocolJson.Context.GenerateResponse), "\"response\":"u8);
            var thinking = TokenLineTemplate.Create(
                Serialize(Generate(model, "", "", ""), ProtocolJson.Context.GenerateResponse), "\"thinking\":"u8);
            var stamp = OllamaTimestamp.Format(Times[1]);

            Write(response, Times[1], text).ShouldBe(Serialize(Generate(model, stamp, text, null), ProtocolJson.Context.GenerateResponse));
            Write(thinking, Times[1], text).ShouldBe(Serialize(Generate(model, stamp, "", text), ProtocolJson.Context.GenerateResponse));
        }
    }

    /// <summary>Text the serializer escapes (or replaces) takes the serializer: the template never writes it.</summary>
    [Theory]
    [MemberData(nameof(Escaped))]
    public void Fits_TextWithAnEscapeOrASurrogate_IsFalse(string text)
    {
        TokenLineTemplate.Fits(text).ShouldBeFalse();
    }

    /// <summary>Inline: theory data would carry a lone surrogate through its serialization as U+FFFD.</summary>
    [Fact]
    public void Fits_TextWithALoneSurrogate_IsFalse()
    {
        TokenLineTemplate.Fits("lone \ud800").ShouldBeFalse();
        TokenLineTemplate.Fits("\udc00 lone").ShouldBeFalse();
        TokenLineTemplate.Fits("\ud83d").ShouldBeFalse();
    }

    [Fact]
    public void Create_ChunkWithoutTheTextField_Throws()
    {
        Should.Throw<ArgumentException>(() => TokenLineTemplate.Create(
            Serialize(Chat("m", "", "", null), ProtocolJson.Context.ChatResponse), "\"thinking\":"u8));
    }

    private static ChatResponse Chat(string model, string createdAt, string content, string? thinking) => new()
    {
        Model = model,
        CreatedAt = createdAt,
        Message = new ChatMessage { Content = content, Thinking = thinking },
    };

    private static GenerateResponse Generate(string model, string createdAt, string response, string? thinking) => new()
    {
        Model = model,
        CreatedAt = createdAt,
        Response = response,
        Thinking = thinking,
    };

    /// <summary>As the stream serializes a chunk: its writer options (Go's escaping) and the fast-path metadata.</summary>
    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions);
        JsonSerializer.Serialize(writer, value, ProtocolJson.FastPath(typeInfo));
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Write(TokenLineTemplate template, DateTimeOffset time, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        template.Write(buffer, time, text);
        return buffer.WrittenSpan.ToArray();
    }
}
