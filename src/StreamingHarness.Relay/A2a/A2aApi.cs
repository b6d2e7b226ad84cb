using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Endpoints;
using StreamingHarness.Relay.RateLimiting;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The relay as an A2A agent: its card at <c>GET /.well-known/agent-card.json</c> (public, as discovery needs), and
/// JSON-RPC 2.0 at <c>POST /a2a</c> behind the same API keys and rate limits as <c>/stream/*</c>.
/// </summary>
internal static class A2aApi
{
    public static IEndpointRouteBuilder MapA2aApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(
                A2aWire.AgentCardPath,
                (HttpContext context, IOptions<RelayOptions> options) => A2aAgentCard.WriteAsync(context, options.Value))
            .AllowAnonymous();
        app.MapPost(A2aAgentCard.RpcPath, HandleAsync)
            .RequireAuthorization(ApiKeyDefaults.PolicyName)
            .RequireRateLimiting(StreamRateLimitPolicy.Name);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, A2aDispatcher dispatcher, IOptions<RelayOptions> options)
    {
        if (await OllamaApi.ReadBodyAsync(context, options.Value) is not { } body)
        {
            return;
        }

        try
        {
            var request = A2aRpcParser.Parse(body, context.Request.Headers[A2aWire.VersionHeader].ToString());
            await dispatcher.DispatchAsync(context, request);
        }
        catch (A2aRpcException error) when (!context.Response.HasStarted)
        {
            await A2aRpcResponder.WriteErrorAsync(context, error);
        }
    }
}
