using System.Net;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Endpoints.Admin;

/// <summary>
/// Keeps <c>/__fake/*</c> (scenarios, active scenario, reset, journal, release) to clients on the same machine, even
/// when the fake listens on every interface to serve Ollama's API: anyone who can reach the admin API can reshape
/// every answer. <see cref="FakeOllamaOptions.AdminAnyHost"/> opens it up.
/// </summary>
internal static class AdminLoopbackOnly
{
    public static IApplicationBuilder UseAdminLoopbackOnly(this IApplicationBuilder app, bool allowAnyHost) =>
        allowAnyHost ? app : app.Use(static (http, next) => IsAllowed(http) ? next(http) : RefuseAsync(http));

    internal static bool IsAllowed(HttpContext http) =>
        !http.Request.Path.StartsWithSegments(FakeAdminRoutes.Prefix, StringComparison.OrdinalIgnoreCase)
        || http.Connection.RemoteIpAddress is not { } ip
        || IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);

    private static Task RefuseAsync(HttpContext http) =>
        OllamaErrorResponder.WriteNativeAsync(
            http,
            StatusCodes.Status403Forbidden,
            $"the fake's admin API ({FakeAdminRoutes.Prefix}/*) only answers clients on this machine; "
            + "start the fake with --admin-any-host to open it");
}
