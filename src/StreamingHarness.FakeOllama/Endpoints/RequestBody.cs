using System.Text;
using Microsoft.AspNetCore.Http.Features;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Reads a request body the way gin's ShouldBindJSON does: any content type, keys matched case-insensitively, unknown
/// fields ignored, only the first JSON value read (trailing bytes ignored), an empty body is "missing request body",
/// lone surrogates and invalid UTF-8 in strings read as U+FFFD (<see cref="GoJsonText"/>). The body is recorded in the
/// journal as it came, up to the journal's limit.
/// </summary>
internal static class RequestBody
{
    public const string Missing = "missing request body";

    /// <summary>Go's <c>http.MaxBytesReader</c> error, as a Go server with a body limit reports it.</summary>
    public const string TooLarge = "http: request body too large";

    /// <summary>The body parsed, or the error to answer: <see cref="TooLarge"/> (413) or a 400's text.</summary>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        var (value, error, _) = await ReadJsonAsync(request, typeInfo).ConfigureAwait(false);
        return (value, error);
    }

    /// <summary>The body, or null once Ollama's 413 or 400 <c>{"error":…}</c> has been written for it.</summary>
    public static async Task<T?> ReadOrRejectAsync<T>(FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new() =>
        (await ReadOrRejectJsonAsync(request, typeInfo).ConfigureAwait(false)).Value;

    /// <summary>
    /// As <see cref="ReadOrRejectAsync{T}"/>, with the JSON it was parsed from (the body, repaired as Go reads it), for
    /// endpoints that take large text straight from the body's bytes rather than from a string.
    /// </summary>
    public static async Task<(T? Value, ReadOnlyMemory<byte> Json)> ReadOrRejectJsonAsync<T>(FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        var (body, error, json) = await ReadJsonAsync(request, typeInfo).ConfigureAwait(false);
        if (body is null)
        {
            var status = error == TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await OllamaErrorResponder.WriteAsync(request, status, error!).ConfigureAwait(false);
        }

        return (body, json);
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, with the JSON it was parsed from, for endpoints that answer errors in their own
    /// shape and take large text straight from the body's bytes.
    /// </summary>
    public static async Task<(T? Value, string? Error, ReadOnlyMemory<byte> Json)> ReadJsonAsync<T>(
        FakeRequest request, JsonTypeInfo<T> typeInfo)
        where T : class, new()
    {
        if (await ReadBytesAsync(request.Http).ConfigureAwait(false) is not { } bytes)
        {
            return (null, TooLarge, default);
        }

        Record(request, bytes.Span);
        var json = GoJsonText.RepairInPlace(bytes);
        var (value, error) = Parse(json.Span, typeInfo);
        return (value, error, json);
    }

    /// <summary>
    /// The whole body in one array, or null when it is over the server's limit (<see cref="FakeOllamaOptions.MaxRequestBodyBytes"/>).
    /// With a Content-Length it is read straight into an array of that size: one copy, never the doubling of a growing
    /// buffer, and nothing kept in a pool after the request.
    /// </summary>
    internal static async Task<Memory<byte>?> ReadBytesAsync(HttpContext http)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var length = http.Request.ContentLength;
        if (length > limit || length > Array.MaxLength)
        {
            return null;
        }

        try
        {
            if (length is { } exact)
            {
                var buffer = GC.AllocateUninitializedArray<byte>((int)exact);
                await LeaveTheSocketThread(http.Request.Body.ReadExactlyAsync(buffer, http.RequestAborted)).ConfigureAwait(false);
                return buffer;
            }

            // Chunked: no size to allocate up front; Kestrel stops the copy at the limit.
            using var stream = new MemoryStream();
            await LeaveTheSocketThread(http.Request.Body.CopyToAsync(stream, http.RequestAborted)).ConfigureAwait(false);
            return stream.GetBuffer().AsMemory(0, (int)stream.Length);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits for a body read; if it had to wait, goes on on the thread pool. Kestrel runs the fake inline on its socket
    /// threads (UnsafePreferInlineScheduling, FakeOllamaApp), so the code after a read that waited runs on the thread
    /// that delivered the body's last bytes. Repairing, parsing and counting a large body there holds that thread for
    /// seconds under load: the uploads it also serves stall, and Kestrel refused them with 408 (MinRequestBodyDataRate).
    /// A body that had already arrived with its headers costs no hop.
    /// </summary>
    private static async Task LeaveTheSocketThread(ValueTask read)
    {
        if (read.IsCompletedSuccessfully)
        {
            return;
        }

        await read.ConfigureAwait(false);
        await Task.Yield();
    }

    private static Task LeaveTheSocketThread(Task read) => LeaveTheSocketThread(new ValueTask(read));

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

    /// <summary>
    /// Keeps the body in the journal entry, cut at the journal's body limit: only that much is decoded, so a large body
    /// never gets a UTF-16 copy of its own.
    /// </summary>
    internal static void Record(FakeRequest request, ReadOnlySpan<byte> body)
    {
        var limit = request.BodyLimit;
        if (body.Length <= limit)
        {
            request.Entry.Body = Encoding.UTF8.GetString(body);
            return;
        }

        var chars = new char[limit];
        Encoding.UTF8.GetDecoder().Convert(body, chars, flush: false, out _, out var used, out _);
        request.Entry.Body = new string(chars, 0, used);
    }
}
