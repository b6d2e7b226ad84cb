using StreamingHarness.Hosting.Lifetime;
using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using StreamingHarness.Relay.Hosting;

namespace StreamingHarness.Tool;

/// <summary>
/// <c>streamingharness relay</c>: the relay's own host (<see cref="RelayHost"/>), its settings given as command-line
/// configuration (<c>--Relay:Upstream:IdleTimeout=00:00:02</c>), with friendlier flags for the common ones.
/// </summary>
internal static class RelayCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {RelayHost.DefaultUrl})." };
        var upstream = new Option<string?>("--upstream")
        {
            Description = "Ollama's base URL, e.g. a fake's (the setting Relay:Upstream:BaseUrl; default http://127.0.0.1:11434).",
        };
        var apiKeys = new Option<string[]>("--api-key")
        {
            Description = "Require this API key (Bearer or X-API-Key) on /stream/* and /api/*; repeatable (Relay:Auth:ApiKeys).",
        };
        var noRateLimits = new Option<bool>("--no-rate-limits")
        {
            Description = "Turn the per-client request and stream limits off, e.g. for load from one client "
                + "(Relay:RateLimits:Enabled=false).",
        };
        var command = new Command(
            ToolCommand.Relay,
            "The reference streaming relay: Ollama ndjson in, Server-Sent Events out (/stream/chat, /stream/generate), an "
            + "Ollama-compatible pass-through (/api/*), /healthz, /readyz, /metrics.\n"
            + "Every setting of the relay's configuration table (docs/relay.md) is a command-line setting: "
            + "--Relay:<Section>:<Name>=<value>, e.g. "
            + "--Relay:Upstream:IdleTimeout=00:00:02 --Relay:Retry:MaxRetries=0 (or the environment variable "
            + "Relay__Upstream__IdleTimeout). A bad value stops the relay with the setting and its allowed range: exit code 1.")
        {
            urls,
            upstream,
            apiKeys,
            noRateLimits,
        };

        // The settings are ASP.NET Core configuration keys, not options known here: they arrive as unmatched tokens.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RelaySettings.Check(parse.UnmatchedTokens) is { } mistake)
            {
                await Console.Error.WriteLineAsync("error: " + mistake).ConfigureAwait(false);
                return 1;
            }

            // A failed start (a bad setting, a port in use) is one plain line below, not a logged stack trace too.
            string[] quietStart = ["--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None"];
            var settings = RelaySettings.FromFlags(
                parse.GetValue(urls), parse.GetValue(upstream), parse.GetValue(apiKeys) ?? [], parse.GetValue(noRateLimits));
            return await RunAsync([.. quietStart, .. settings, .. parse.UnmatchedTokens], cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] settings, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = RelayHost.Build(settings);
            ParentWatch.StopWhenParentExits(app.Lifetime.StopApplication);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex, null) is not null)
        {
            var configuration = app?.Configuration ?? WebApplication.CreateBuilder(settings).Configuration;
            await Console.Error.WriteLineAsync(StartupFailure.Describe(ex, configuration)).ConfigureAwait(false);
            return 1;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException or SocketException)
        {
            var message = $"error: cannot listen: {ex.Message} Choose another address with --urls.";
            await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
