using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Reads <c>images</c> as <see cref="CheckedImages"/>: each string checked where it lies in the body. Anything but an
/// array of strings or nulls fails as the list's own converter fails (a <see cref="JsonException"/> at the same field,
/// which <see cref="GoJsonErrors"/> words as Go does).
/// </summary>
internal sealed class CheckedImagesConverter : JsonConverter<IList<string>>
{
    public static CheckedImagesConverter Instance { get; } = new();

    public override IList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        var images = new CheckedImages();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                images.Add(null!);
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            images.Error ??= Check(ref reader);
            images.Add("");
        }

        return images;
    }

    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Only request bodies are read with this converter.");

    private static string? Check(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return GoBase64.Error(reader.ValueSpan);
        }

        // Encoders seldom escape base64 (only "\/" or a "\n" line break): a pooled copy, unescaped, for those.
        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return GoBase64.Error(buffer.AsSpan(0, reader.CopyString(buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
