using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>POST /v1/embeddings</c> (Ollama's EmbeddingsMiddleware in front of the embed handler): the vectors are exactly
/// <c>/api/embed</c>'s for the same model, input and <c>dimensions</c>; <c>encoding_format</c> <c>base64</c> sends each as
/// its little-endian float32 bytes in base64. An empty string embeds one empty input; an empty array or no input is
/// "invalid input".
/// </summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        var (body, error, json) = await RequestBody.ReadJsonAsync(request, UnreadRequestTypes.OpenAiEmbed);
        if (body is null || (error = MiddlewareError(body.EncodingFormat, body.Input)) is not null)
        {
            await MiddlewareErrorResponder.WriteAsync(request, error == RequestBody.Missing ? "EOF" : error!);
            return;
        }

        var model = body.Model ?? "";
        if (NativeRequestRules.Select(state, request, model, out error) is not { } selection)
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status404NotFound, EmbedEndpoint.NotFound(model, error!));
            return;
        }

        if (!TryInputs(body.Input, json, out var inputs))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, "invalid input type");
            return;
        }

        var length = selection.Model.EmbeddingLength;
        var dimensions = body.Dimensions > 0 && body.Dimensions < length ? body.Dimensions : length;
        if (await EmbedEndpoint.EmbedAsync(state, request, selection, inputs, dimensions) is not var (vectors, _))
        {
            return;
        }

        var base64 = string.Equals(body.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase);
        var data = new JsonArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            data.Add((JsonNode)new JsonObject
            {
                ["object"] = "embedding",
                ["embedding"] = base64
                    ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vectors[i].AsSpan())))
                    : new JsonArray([.. vectors[i].Select(v => (JsonNode)JsonValue.Create(v))]),
                ["index"] = i,
            });
        }

        var tokens = EmbedEndpoint.PromptTokens(inputs);
        var list = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        using var stream = new ResponseStream(
            request,
            selection.Scenario,
            StreamFraming.Json,
            "application/json",
            state.TimeScaleFor(selection.Scenario),
            (int)selection.Scenario.Seed);
        await stream.WriteBodyAsync(list, ProtocolJson.Context.JsonObject, trailingNewline: true);
    }

    /// <summary>As <see cref="EmbedEndpoint.TryInputs"/>, except that an empty string embeds one empty input.</summary>
    internal static bool TryInputs(JsonElement? input, ReadOnlyMemory<byte> json, out ReadOnlyMemory<byte>[] inputs)
    {
        if (input?.ValueKind != JsonValueKind.String)
        {
            return EmbedEndpoint.TryInputs(input, json, out inputs);
        }

        inputs = BodyInputs.OfInputField(json);
        return true;
    }

    private static string? MiddlewareError(string? encodingFormat, JsonElement? input)
    {
        if (!string.IsNullOrEmpty(encodingFormat)
            && !string.Equals(encodingFormat, "float", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(encodingFormat, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return $"Invalid value for 'encoding_format' = {encodingFormat}. Supported values: ['float', 'base64'].";
        }

        return input is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }
            || input is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 0
            ? "invalid input"
            : null;
    }
}
