namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>Ollama's OpenAI-compatible routes (<c>/v1/*</c>).</summary>
internal static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/chat/completions", (HttpContext http, FakeState state) => ChatCompletionsEndpoint.HandleAsync(http, state));
        routes.MapPost("/v1/responses", (HttpContext http, FakeState state) => Responses.ResponsesEndpoint.HandleAsync(http, state));
        routes.MapPost("/v1/messages", (HttpContext http, FakeState state) => Anthropic.MessagesEndpoint.HandleAsync(http, state));
        routes.MapPost("/v1/completions", (HttpContext http, FakeState state) => CompletionsEndpoint.HandleAsync(http, state));
        routes.MapPost("/v1/embeddings", (HttpContext http, FakeState state) => EmbeddingsEndpoint.HandleAsync(http, state));
        routes.MapGet("/v1/models", (HttpContext http, FakeState state) => ModelsEndpoints.ListAsync(http, state));
        routes.MapGet(
            "/v1/models/{**model}", (HttpContext http, FakeState state, string model) => ModelsEndpoints.RetrieveAsync(http, state, model));
        return routes;
    }
}
