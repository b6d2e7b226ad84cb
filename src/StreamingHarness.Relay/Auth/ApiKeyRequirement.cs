using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;

namespace StreamingHarness.Relay.Auth;

/// <summary>Met by an authenticated key, or by anyone when no key is configured.</summary>
internal sealed class ApiKeyRequirement : IAuthorizationRequirement
{
    /// <summary>The <c>/metrics</c> requirement: met by anyone unless <see cref="AuthOptions.MetricsRequireKey"/> is set.</summary>
    public bool ForMetrics { get; init; }
}

internal sealed class ApiKeyAuthorizationHandler(ApiKeyStore keys, IOptions<RelayOptions> options) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        if (!keys.Enabled || context.User.Identity?.IsAuthenticated == true
            || (requirement.ForMetrics && !options.Value.Auth.MetricsRequireKey))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
