using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Endpoints.Native.Transfer;

/// <summary>
/// <c>POST /api/copy</c>, <c>DELETE /api/delete</c> (<c>server/routes.go</c> CopyHandler, DeleteHandler: an empty 200 on
/// success) and <c>GET /api/status</c> (StatusHandler: cloud enabled, set by nothing).
/// </summary>
internal static class ManageEndpoints
{
    public static async Task CopyAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        if (await RequestBody.ReadOrRejectAsync(request, ProtocolJson.Context.CopyRequest) is not { } body)
        {
            return;
        }

        string source = body.Source ?? "", destination = body.Destination ?? "";
        var error = !ModelNames.IsValid(source) ? (400, $"source {GoQuote.Of(source)} is invalid")
            : !ModelNames.IsValid(destination) ? (400, $"destination {GoQuote.Of(destination)} is invalid")
            : state.Catalog.FindModel(source) is null ? (404, $"model {GoQuote.Of(source)} not found")
            : ((int, string)?)null;
        if (error is var (status, message))
        {
            await OllamaErrorResponder.WriteAsync(request, status, message);
            return;
        }

        var from = state.Catalog.FindModel(source)!;
        state.Catalog.Installed.Add(new Selection(from.Scenario, Renamed(from.Model, destination)));
        http.Response.ContentLength = 0;
    }

    public static async Task DeleteAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        if (await RequestBody.ReadOrRejectAsync(request, ProtocolJson.Context.ModelTransferRequest) is not { } body)
        {
            return;
        }

        var name = body.Model is { Length: > 0 } model ? model : body.Name ?? "";
        if (!ModelNames.IsValid(name))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, $"name {GoQuote.Of(name)} is invalid");
            return;
        }

        if (state.Catalog.FindModel(name) is null)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, OllamaErrorResponder.ModelNotFound(name));
            return;
        }

        state.Catalog.Installed.Remove(ModelNames.Normalize(name));
        http.Response.ContentLength = 0;
    }

    public static Task StatusAsync(HttpContext http) => JsonBody.WriteAsync(
        http, new StatusResponse { Cloud = new CloudStatus { Disabled = false, Source = "none" } }, ProtocolJson.Context.StatusResponse);

    internal static ModelSpec Renamed(ModelSpec model, string name) => new()
    {
        Name = name,
        Family = model.Family,
        ParameterSize = model.ParameterSize,
        QuantizationLevel = model.QuantizationLevel,
        Capabilities = model.Capabilities,
        ContextLength = model.ContextLength,
        EmbeddingLength = model.EmbeddingLength,
        SizeBytes = model.SizeBytes,
    };
}
