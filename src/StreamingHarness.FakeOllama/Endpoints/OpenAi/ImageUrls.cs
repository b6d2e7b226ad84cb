using System.Text.Json;
using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>image_url</c> content parts as Ollama's middleware decodes them (<c>openai/openai.go</c> decodeImageURL): data
/// URIs only (<c>data:image/{jpeg,jpg,png,webp};base64,</c> or <c>data:;base64,</c>) with valid base64.
/// </summary>
internal static class ImageUrls
{
    private static readonly string[] Prefixes =
        ["data:;base64,", "data:image/jpeg;base64,", "data:image/jpg;base64,", "data:image/png;base64,", "data:image/webp;base64,"];

    public static string? Error(IEnumerable<OpenAiMessage?> messages)
    {
        foreach (var content in messages.Select(m => m?.Content).Where(c => c?.ValueKind == JsonValueKind.Array))
        {
            foreach (var part in content!.Value.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type)
                    || type.ValueKind != JsonValueKind.String || !type.ValueEquals("image_url"))
                {
                    continue;
                }

                var url = part.TryGetProperty("image_url", out var image) && image.ValueKind == JsonValueKind.Object
                    && image.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
                if (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal))
                {
                    return "image URLs are not currently supported, please use base64 encoded data instead";
                }

                var prefix = Prefixes.FirstOrDefault(p => url.StartsWith(p, StringComparison.Ordinal));
                if (prefix is null || GoBase64.Error(url[prefix.Length..]) is not null)
                {
                    return "invalid image input";
                }
            }
        }

        return null;
    }
}
