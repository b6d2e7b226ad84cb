using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace StreamingHarness.Relay.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddRelayAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<IAuthorizationHandler, ApiKeyAuthorizationHandler>();
        services.AddAuthentication(ApiKeyDefaults.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.PolicyName, policy => policy.AddRequirements(new ApiKeyRequirement()))
            .AddPolicy(ApiKeyDefaults.MetricsPolicyName, policy => policy.AddRequirements(new ApiKeyRequirement { ForMetrics = true }));
        return services;
    }
}
