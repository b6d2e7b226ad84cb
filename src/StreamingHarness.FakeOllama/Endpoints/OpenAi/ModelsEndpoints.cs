using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.OpenAi;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{model}</c>, written with Go's json.Encoder (trailing newline).
/// With no models <c>data</c> is null, as in Ollama.
/// </summary>
internal static class ModelsEndpoints
{
    public static Task ListAsync(HttpContext http, FakeState state)
    {
        var created = state.StartedAt.ToUnixTimeSeconds();
        var list = new ModelList
        {
            Data = state.Catalog.Models.Count == 0
                ? null
                : [.. state.Catalog.Models.Select(m => new OpenAiModel { Id = m.Model.FullName, Created = created, OwnedBy = "library" })],
        };
        return JsonBody.WriteAsync(http, list, ProtocolJson.Context.ModelList, "application/json", trailingNewline: true);
    }

    public static async Task RetrieveAsync(HttpContext http, FakeState state, string model)
    {
        var request = FakeRequest.Of(http);
        if (state.Catalog.FindModel(model) is null)
        {
            await OllamaErrorResponder.WriteAsync(
                request, StatusCodes.Status404NotFound, OllamaErrorResponder.ModelNotFound(Scenarios.ModelNames.Normalize(model)));
            return;
        }

        var found = new OpenAiModel { Id = model, Created = state.StartedAt.ToUnixTimeSeconds(), OwnedBy = "library" };
        await JsonBody.WriteAsync(http, found, ProtocolJson.Context.OpenAiModel, "application/json", trailingNewline: true);
    }
}
