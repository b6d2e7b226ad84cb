using StreamingHarness.Hosting.Lifetime;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Hosting;

/// <summary>
/// The standalone program: start, say where and what is served, run until Ctrl+C. Start-up problems (a bad scenario
/// file, a port in use, a bad option) are one plain line on stderr and exit code 1, never a stack trace.
/// </summary>
internal static class StandaloneHost
{
    public static async Task<int> RunAsync(
        FakeOllamaOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        FakeOllamaServer server;
        try
        {
            server = await FakeOllamaServer.StartAsync(options, cancellationToken);
        }
        catch (ScenarioLoadException ex)
        {
            await error.WriteLineAsync($"error: bad scenario: {ex.Message}");
            return 1;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}");
            return 1;
        }
        catch (FormatException ex) when (ex.StackTrace?.Contains("BindingAddress", StringComparison.Ordinal) == true)
        {
            await error.WriteLineAsync(
                $"error: cannot listen on {string.Join(", ", options.Urls)}: {ex.Message.TrimEnd('.')} "
                + "(--urls and OLLAMA_HOST take addresses such as http://127.0.0.1:11434).");
            return 1;
        }
        catch (IOException ex) when (IsAddressInUse(ex))
        {
            await error.WriteLineAsync(
                $"error: cannot listen on {string.Join(", ", options.Urls)}: the address is already in use "
                + "(is Ollama or another fake running?). Choose another with --urls or OLLAMA_HOST.");
            return 1;
        }

        await using (server)
        {
            await output.WriteLineAsync($"Fake Ollama listening on {string.Join(", ", server.Addresses)}");
            if (options.Record is { } record)
            {
                await output.WriteLineAsync(
                    $"Record mode: every request goes to {record.Upstream}; chat and generate exchanges are saved "
                    + $"in {Path.GetFullPath(record.Directory)}{(record.Redact ? " (redacted)" : "")}");
                await output.WriteLineAsync(await server.ProbeUpstreamAsync(cancellationToken));
            }
            else
            {
                await output.WriteLineAsync($"Scenarios: {string.Join(", ", server.ScenarioNames)}");
                await output.WriteLineAsync($"Models: {string.Join(", ", server.ModelNames)}");
            }

            await output.WriteLineAsync("Press Ctrl+C to stop.");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ParentWatch.StopWhenParentExits(stop.Cancel);
            await server.WaitForShutdownAsync(stop.Token);
        }

        return 0;
    }

    private static bool IsAddressInUse(Exception ex) =>
        ex is AddressInUseException || ex.InnerException is AddressInUseException
        || (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse });
}
