using System.Security.Cryptography;
using System.Text;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary><c>/</c>, <c>/api/version</c> and <c>/api/tags</c>: what clients probe before they chat.</summary>
internal static class ModelEndpoints
{
    public static async Task RootAsync(HttpContext http)
    {
        var body = "Ollama is running"u8.ToArray();
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static Task VersionAsync(HttpContext http, FakeState state) =>
        JsonBody.WriteAsync(http, new VersionResponse(state.Options.Version), ProtocolJson.Context.VersionResponse);

    public static Task TagsAsync(HttpContext http, FakeState state)
    {
        var modifiedAt = OllamaTimestamp.FormatWithOffset(state.StartedAt);
        var tags = new TagsResponse
        {
            Models = [.. state.Catalog.Models.Select(s => new ModelSummary
            {
                Name = s.Model.FullName,
                Model = s.Model.FullName,
                ModifiedAt = modifiedAt,
                Size = s.Model.SizeBytes,
                Digest = Digest(s.Model),
                Details = TagDetails(s.Model),
                Capabilities = [.. s.Model.Capabilities],
            })],
        };
        return JsonBody.WriteAsync(http, tags, ProtocolJson.Context.TagsResponse);
    }

    internal static ModelDetails Details(ModelSpec model) => new()
    {
        Format = "gguf",
        Family = model.Family,
        Families = [model.Family],
        ParameterSize = model.ParameterSize,
        QuantizationLevel = model.QuantizationLevel,
    };

    /// <summary>What <c>/api/tags</c> lists (<c>server/model_list_cache.go</c>): the details plus the model's lengths.</summary>
    private static ModelDetails TagDetails(ModelSpec model)
    {
        var details = Details(model);
        details.ContextLength = model.ContextLength;
        details.EmbeddingLength = model.EmbeddingLength;
        return details;
    }

    /// <summary>A stable sha256-looking digest per model name.</summary>
    internal static string Digest(ModelSpec model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model.FullName)));
}
