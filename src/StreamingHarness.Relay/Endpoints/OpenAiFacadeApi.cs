using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StreamingHarness.Client;
using StreamingHarness.Client.OpenAi;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Protocol.Time;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Endpoints;

/// <summary>
/// With <c>Relay:Upstream:Protocol</c> = <c>openai</c>, Ollama's <c>/api/*</c> served from an OpenAI-compatible
/// upstream: chat and generate translated both ways (<see cref="OpenAiRequestTranslator"/>, <see cref="TranslatedNdjsonFormat"/>),
/// <c>/api/tags</c> and <c>/api/show</c> from <c>/models</c>, and what cannot be derived answered as an empty Ollama would.
/// </summary>
internal static class OpenAiFacadeApi
{
    /// <summary>The Ollama API version the facade speaks (its wire format is that of this release).</summary>
    public const string OllamaVersion = "0.12.6";

    public static bool IsEnabled(IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<RelayOptions>>().Value.Upstream.Protocol == UpstreamProtocol.OpenAi;

    public static void MapOpenAiFacade(this RouteGroupBuilder api)
    {
        api.MapPost("/chat", (HttpContext context, StreamRelay relay, IOptions<RelayOptions> options, TimeProvider time) =>
            GenerateAsync(context, relay, options.Value, time, OllamaEndpoint.Chat)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapPost("/generate", (HttpContext context, StreamRelay relay, IOptions<RelayOptions> options, TimeProvider time) =>
            GenerateAsync(context, relay, options.Value, time, OllamaEndpoint.Generate)).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapMethods("/tags", [HttpMethods.Get, HttpMethods.Head], TagsAsync);
        api.MapMethods("/version", [HttpMethods.Get, HttpMethods.Head], () =>
            TypedResults.Json(new VersionResponse(OllamaVersion), ProtocolJson.Context.VersionResponse, OllamaErrorBody.ContentType));
        api.MapPost("/show", ShowAsync);
        api.MapGet("/ps", () => TypedResults.Json(new PsResponse(), ProtocolJson.Context.PsResponse, OllamaErrorBody.ContentType));
        api.MapPost("/embed", NotAvailableAsync).RequireRateLimiting(StreamRateLimitPolicy.Name);
        api.MapPost("/embeddings", NotAvailableAsync).RequireRateLimiting(StreamRateLimitPolicy.Name);
    }

    private static async Task GenerateAsync(
        HttpContext context, StreamRelay relay, RelayOptions options, TimeProvider time, OllamaEndpoint endpoint)
    {
        if (await OllamaApi.ReadBodyAsync(context, options) is not { } body)
        {
            return;
        }

        var translation = OpenAiRequestTranslator.Translate(body, endpoint);
        if (translation.Failed)
        {
            await RefusalResponder.WriteAsync(
                context, translation.ErrorStatus, RelayErrorCodes.InvalidRequest, "Invalid request", translation.Error!);
            return;
        }

        var request = new UpstreamRequest(endpoint, translation.Model, translation.Body, UpstreamProtocol.OpenAi);
        await relay.RelayAsync(context, request, new TranslatedNdjsonFormat(endpoint, translation.Model, translation.Stream, time));
    }

    /// <summary>
    /// <c>/models</c> as Ollama's list. An OpenAI model has an id, a creation time and an owner: size, digest and
    /// details are not known, so they are 0 and empty.
    /// </summary>
    private static Task TagsAsync(HttpContext context, OllamaUpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider time) =>
        AskUpstreamAsync(context, upstream, options.Value, time, "models", ProtocolJson.Context.ModelList, list =>
        {
            var tags = new TagsResponse
            {
                Models = [.. (list.Data ?? []).Select(m => new ModelSummary
                {
                    Name = m.Id,
                    Model = m.Id,
                    ModifiedAt = OllamaTimestamp.FormatWithOffset(DateTimeOffset.FromUnixTimeSeconds(m.Created)),
                    Details = UnknownDetails(),
                })],
            };
            return TypedResults.Json(tags, ProtocolJson.Context.TagsResponse, OllamaErrorBody.ContentType);
        });

    /// <summary><c>/models/{model}</c>: the model exists. Template, parameters and model info are the upstream's secret.</summary>
    private static async Task ShowAsync(
        HttpContext context, OllamaUpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider time)
    {
        if (await OllamaApi.ReadBodyAsync(context, options.Value) is not { } body)
        {
            return;
        }

        ShowRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, ProtocolJson.Context.ShowRequest);
        }
        catch (JsonException ex)
        {
            await RefusalResponder.WriteAsync(context, 400, RelayErrorCodes.InvalidRequest, "Invalid request", ex.Message);
            return;
        }

        var model = request?.Model ?? request?.Name;
        if (string.IsNullOrWhiteSpace(model))
        {
            await RefusalResponder.WriteAsync(context, 400, RelayErrorCodes.InvalidRequest, "Invalid request", "model is required");
            return;
        }

        var path = "models/" + Uri.EscapeDataString(model);
        await AskUpstreamAsync(context, upstream, options.Value, time, path, ProtocolJson.Context.OpenAiModel, found =>
        {
            var show = new ShowResponse
            {
                Details = UnknownDetails(),
                ModelInfo = new JsonObject { ["general.basename"] = found.Id },
                Capabilities = ["completion"],
                ModifiedAt = OllamaTimestamp.FormatWithOffset(DateTimeOffset.FromUnixTimeSeconds(found.Created)),
            };
            return TypedResults.Json(show, ProtocolJson.Context.ShowResponse, OllamaErrorBody.ContentType);
        });
    }

    private static Task NotAvailableAsync(HttpContext context) => RefusalResponder.WriteAsync(
        context, StatusCodes.Status501NotImplemented, RelayErrorCodes.InvalidRequest, "Not implemented",
        $"{context.Request.Path} is not available with an OpenAI upstream (Relay:Upstream:Protocol is openai)");

    private static ModelDetails UnknownDetails() => new() { Format = "", Families = null };

    /// <summary>
    /// One metadata call within <c>MetadataTimeout</c>: the upstream's answer mapped to Ollama's on success; its status
    /// and message as Ollama's error otherwise; 502 when it does not answer or answers something else.
    /// </summary>
    private static async Task AskUpstreamAsync<T>(
        HttpContext context, OllamaUpstreamClient upstream, RelayOptions options, TimeProvider time, string path,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> answer, Func<T, IResult> map)
    {
        using var timeout = new CancellationTokenSource(options.Upstream.MetadataTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        string detail;
        try
        {
            using var response = await upstream.GetAsync(path, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await upstream.Transport.ReadFailureAsync(response, linked.Token);
                await RefusalResponder.WriteAsync(
                    context, (int)response.StatusCode, failure.Code, failure.Code, failure.Message, failure.Retryable, failure.RetryAfter);
                return;
            }

            await using var content = await response.Content.ReadAsStreamAsync(linked.Token);
            if (await JsonSerializer.DeserializeAsync(content, answer, linked.Token) is { } value)
            {
                await map(value).ExecuteAsync(context);
                return;
            }

            detail = $"the upstream at {upstream.BaseAddress} answered /{path} with null";
        }
        catch (JsonException ex)
        {
            detail = $"the upstream at {upstream.BaseAddress} answered /{path} with something else than expected: {ex.Message}";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
            && !context.RequestAborted.IsCancellationRequested)
        {
            detail = timeout.IsCancellationRequested
                ? $"the upstream at {upstream.BaseAddress} did not answer /{path} within "
                    + $"{options.Upstream.MetadataTimeout.TotalSeconds:0.###} s (Relay:Upstream:MetadataTimeout)"
                : $"could not reach the upstream at {upstream.BaseAddress}: {ex.Message}";
        }

        await RefusalResponder.WriteAsync(
            context, StatusCodes.Status502BadGateway, RelayErrorCodes.UpstreamUnavailable, "Upstream unavailable", detail);
    }
}
