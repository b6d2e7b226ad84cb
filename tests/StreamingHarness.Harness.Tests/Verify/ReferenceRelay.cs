using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// The reference relay as a process (as verify's users run their own service), its upstream the rig's fake, with
/// the settings a CI job would give it: an idle timeout inside the stall bound, no per-client limits (32 streams come
/// from one client), and no waiting out the fake's real 2 s Retry-After.
/// </summary>
internal static class ReferenceRelay
{
    public static async Task<ChildProcess> StartAsync(Uri fake)
    {
        var uri = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var relay = ChildProcess.Start(
            ServerProgram.Relay, uri, ["--urls", uri.ToString().TrimEnd('/')], new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Relay__Upstream__BaseUrl"] = fake.ToString().TrimEnd('/'),
            ["Relay__Upstream__IdleTimeout"] = "00:00:02",
            ["Relay__RateLimits__Enabled"] = "false",
            ["Relay__Retry__MaxRetryAfter"] = "00:00:00",
            ["Relay__Retry__BaseDelay"] = "00:00:00.010",
        });
        try
        {
            using var client = new HttpClient();
            await relay.WaitUntilReadyAsync(client, "/healthz", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }
}
