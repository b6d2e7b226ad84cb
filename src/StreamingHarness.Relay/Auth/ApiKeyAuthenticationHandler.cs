using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StreamingHarness.Protocol.Relay;
using StreamingHarness.Relay.Refusals;

namespace StreamingHarness.Relay.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>; a refusal is a 401 that says how to send a key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    FailedAuthLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly object LockedOutKey = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = ReadKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var address = FailedAuthLimiter.AddressOf(Context);
        if (failures.LockedOut(address) is { } wait)
        {
            Context.Items[LockedOutKey] = wait;
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong API keys from this address."));
        }

        if (keys.Match(presented) is not { } keyId)
        {
            failures.Rejected(address);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, keyId)], ApiKeyDefaults.SchemeName);
        return Task.FromResult(
            AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(LockedOutKey, out var locked) && locked is TimeSpan wait)
        {
            failures.Limited();
            await RefusalResponder.WriteAsync(
                Context,
                StatusCodes.Status429TooManyRequests,
                RelayErrorCodes.RateLimited,
                "Too many requests",
                "too many wrong API keys from this address; try again after Retry-After",
                retryable: true,
                wait);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        var presented = ReadKey(Request) is not null;
        var detail = presented
            ? "The API key is not valid."
            : $"An API key is required: send 'Authorization: Bearer <key>' or '{ApiKeyDefaults.HeaderName}: <key>'.";
        await RefusalResponder.WriteAsync(Context, StatusCodes.Status401Unauthorized, RelayErrorCodes.Unauthorized, "Unauthorized", detail);
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyDefaults.HeaderName] is [{ Length: > 0 } key])
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > Bearer.Length
            ? authorization[Bearer.Length..].Trim()
            : null;
    }
}
