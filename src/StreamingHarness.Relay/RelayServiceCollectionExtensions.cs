using Microsoft.Extensions.Options;
using StreamingHarness.Relay.A2a;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Relay.Metrics;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay;

internal static class RelayServiceCollectionExtensions
{
    /// <summary>Time after the drain for the last terminal events to be written and the connections closed.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

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
        services.AddSingleton<DrainCoordinator>();
        services.AddHostedService(provider => provider.GetRequiredService<DrainCoordinator>());

        // The host waits for the drain and the terminal events after it, and never cuts them short itself.
        services.AddOptions<HostOptions>().Configure<IOptions<RelayOptions>>(
            (host, relay) => host.ShutdownTimeout = relay.Value.Shutdown.DrainTimeout + ShutdownMargin);

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
