namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>image_url</c> content parts as Ollama's middleware decodes them (<c>openai/openai.go</c> decodeImageURL): data
/// URIs only (<c>data:image/{jpeg,jpg,png,webp};base64,</c> or <c>data:;base64,</c>) with valid base64. The URLs are
/// checked as the body's own UTF-8 bytes (<see cref="BodyText.OpenAiContents.ImageUrls"/>), so a large image is held once.
/// </summary>
internal static class ImageUrls
{
    private static readonly byte[][] Prefixes =
    [
        "data:;base64,"u8.ToArray(), "data:image/jpeg;base64,"u8.ToArray(), "data:image/jpg;base64,"u8.ToArray(),
        "data:image/png;base64,"u8.ToArray(), "data:image/webp;base64,"u8.ToArray(),
    ];

    /// <summary>The error for the first URL that is not an image Ollama takes, or null.</summary>
    public static string? Error(IEnumerable<ReadOnlyMemory<byte>> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls)
        {
            if (url.Span.StartsWith("http://"u8) || url.Span.StartsWith("https://"u8))
            {
                return "image URLs are not currently supported, please use base64 encoded data instead";
            }

            var prefix = Prefixes.FirstOrDefault(p => url.Span.StartsWith(p));
            if (prefix is null || GoBase64.Error(url.Span[prefix.Length..]) is not null)
            {
                return "invalid image input";
            }
        }

        return null;
    }
}
