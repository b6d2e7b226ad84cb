using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>Small non-streamed JSON answers, with a Content-Length as Go's net/http gives small bodies.</summary>
internal static class JsonBody
{
    public const string NativeContentType = "application/json; charset=utf-8";

    public static Task WriteAsync<T>(
        HttpContext http, T value, JsonTypeInfo<T> typeInfo, string contentType = NativeContentType, bool trailingNewline = false,
        int status = StatusCodes.Status200OK)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        if (trailingNewline)
        {
            bytes = [.. bytes, (byte)'\n'];
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }
}
