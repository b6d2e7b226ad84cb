namespace StreamingHarness.Relay.A2a;

internal static class A2aServiceCollectionExtensions
{
    /// <summary>The A2A agent's task store and method dispatch; its options are <see cref="RelayOptions.A2A"/>.</summary>
    public static IServiceCollection AddRelayA2a(this IServiceCollection services)
    {
        services.AddSingleton<A2aTaskStore>();
        services.AddSingleton<A2aDispatcher>();
        return services;
    }
}
