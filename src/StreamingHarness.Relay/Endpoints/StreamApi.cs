using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Ndjson;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Validation;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Endpoints;

/// <summary><c>POST /stream/chat</c> and <c>POST /stream/generate</c>: Ollama requests in, the relay's SSE events out.</summary>
internal static class StreamApi
{
    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/stream")
            .RequireAuthorization(ApiKeyDefaults.PolicyName)
            .RequireRateLimiting(StreamRateLimitPolicy.Name);
        group.MapPost("/chat", (HttpContext context, CachingStreamRelay relay, IOptions<RelayOptions> options, TimeProvider time) =>
            HandleAsync(context, relay, options.Value, time, OllamaEndpoint.Chat));
        group.MapPost("/generate", (HttpContext context, CachingStreamRelay relay, IOptions<RelayOptions> options, TimeProvider time) =>
            HandleAsync(context, relay, options.Value, time, OllamaEndpoint.Generate));
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context, CachingStreamRelay relay, RelayOptions options, TimeProvider time, OllamaEndpoint endpoint)
    {
        var limits = options.Requests;
        var body = await RequestBodyReader.ReadAsync(context.Request, limits.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await RefusalResponder.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                RelayErrorCodes.RequestTooLarge,
                "Request body too large",
                $"The body is larger than {limits.MaxBodyBytes} bytes (Relay:Requests:MaxBodyBytes).");
            return;
        }

        var errors = new FieldErrors();
        var request = StreamRequestValidator.Validate(body, endpoint, limits, errors);
        if (request is null)
        {
            await TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid").ExecuteAsync(context);
            return;
        }

        var requestId = RequestId.For(context);
        using var format = new SseStreamFormat(requestId, request.Model, time, coalesce: options.Streaming.CoalesceWindow > TimeSpan.Zero);
        await relay.RelayAsync(context, request, format);
    }
}
