namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>image_url</c> content parts as Ollama's middleware decodes them (<c>openai/openai.go</c> decodeImageURL): data
/// URIs only (<c>data:image/{jpeg,jpg,png,webp};base64,</c> or <c>data:;base64,</c>) with valid base64
/// (<c>openai/openai.go:739-769</c> at v0.33.0-rc2). A URL is checked as the body's own UTF-8 bytes
/// (<see cref="BodyText.OpenAiContents.Error"/>), so a large image is held once.
/// </summary>
internal static class ImageUrls
{
    private static readonly byte[][] Prefixes =
    [
        "data:;base64,"u8.ToArray(), "data:image/jpeg;base64,"u8.ToArray(), "data:image/jpg;base64,"u8.ToArray(),
        "data:image/png;base64,"u8.ToArray(), "data:image/webp;base64,"u8.ToArray(),
    ];

    /// <summary>The error for a URL that is not an image Ollama takes, or null.</summary>
    public static string? Error(ReadOnlySpan<byte> url)
    {
        if (url.StartsWith("http://"u8) || url.StartsWith("https://"u8))
        {
            return "image URLs are not currently supported, please use base64 encoded data instead";
        }

        foreach (var prefix in Prefixes)
        {
            if (url.StartsWith(prefix))
            {
                return GoBase64.Error(url[prefix.Length..]) is null ? null : "invalid image input";
            }
        }

        return "invalid image input";
    }
}
