using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Reads a request body the way gin's ShouldBindJSON does: any content type, keys matched case-insensitively, unknown
/// fields ignored, only the first JSON value read (trailing bytes ignored), an empty body is "missing request body",
/// lone surrogates and invalid UTF-8 in strings read as U+FFFD (<see cref="GoJsonText"/>). The body is recorded in the
/// journal as it came.
/// </summary>
internal static class RequestBody
{
    public const string Missing = "missing request body";

    public static async Task<(T? Value, string? Error)> ReadAsync<T>(FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        using var buffer = new MemoryStream();
        await request.Http.Request.Body.CopyToAsync(buffer, request.Aborted).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        Record(request, bytes.Span);
        return Parse(GoJsonText.Repair(bytes).Span, typeInfo);
    }

    /// <summary>The body, or null once a native 400 <c>{"error":…}</c> has been written for it.</summary>
    public static async Task<T?> ReadOrRejectAsync<T>(FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        var (body, error) = await ReadAsync(request, typeInfo).ConfigureAwait(false);
        if (body is null)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
        }

        return body;
    }

    public static (T? Value, string? Error) Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, Missing);
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            return (JsonSerializer.Deserialize(ref reader, typeInfo) ?? new T(), null);
        }
        catch (JsonException ex)
        {
            return (null, GoJsonErrors.Describe(ex, body, typeInfo));
        }
    }

    /// <summary>Keeps the body in the journal entry, cut at the journal's body limit.</summary>
    internal static void Record(FakeRequest request, ReadOnlySpan<byte> body)
    {
        var limit = request.BodyLimit;
        var text = Encoding.UTF8.GetString(body);
        request.Entry.Body = text.Length <= limit ? text : text[..limit];
    }
}
