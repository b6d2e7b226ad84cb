using Microsoft.AspNetCore.Authentication;

namespace StreamingHarness.Relay.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddRelayAuth(this IServiceCollection services, AuthOptions options)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyDefaults.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiKeyDefaults.PolicyName, policy =>
        {
            if (options.Enabled)
            {
                policy.RequireAuthenticatedUser();
            }
            else
            {
                policy.RequireAssertion(_ => true);
            }
        });
        return services;
    }
}
