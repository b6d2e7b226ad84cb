using Microsoft.AspNetCore.Authorization;

namespace StreamingHarness.Relay.Auth;

/// <summary>Met by an authenticated key, or by anyone when no key is configured.</summary>
internal sealed class ApiKeyRequirement : IAuthorizationRequirement;

internal sealed class ApiKeyAuthorizationHandler(ApiKeyStore keys) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        if (!keys.Enabled || context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
