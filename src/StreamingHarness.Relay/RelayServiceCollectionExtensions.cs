using Microsoft.Extensions.Options;
using StreamingHarness.Relay.A2a;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Endpoints;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay;

internal static class RelayServiceCollectionExtensions
{
    public static IServiceCollection AddRelay(this IServiceCollection services, IConfiguration configuration)
    {
        var relay = configuration.GetSection(RelayOptions.SectionName);
        services.AddOptions<RelayOptions>()
            .Bind(relay)
            .Configure(options => UpstreamConfigurationAliases.Apply(relay, options.Upstream))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsConsistencyValidator>();

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemContract.Apply);
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RelayMetrics>();
        services.AddSingleton<OllamaUpstreamClient>();
        services.AddSingleton<StreamRelay>();

        services.AddRelayTelemetry(configuration);
        services.AddRelayAuth();
        services.AddRelayCache(configuration);
        services.AddRelayA2a();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, StreamRateLimitPolicy>(StreamRateLimitPolicy.Name);
        });
        return services;
    }
}
