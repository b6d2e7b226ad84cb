using System.Diagnostics;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Prerequisites;
using StreamingHarness.Testing.Processes;

namespace StreamingHarness.Testing.Clients;

/// <summary>
/// Runs a script of <c>tests/clients</c> with node, or starts one that serves (<see cref="StartAsync"/>). The npm
/// packages are installed by the build (StreamingHarness.Testing.csproj runs <c>npm ci</c>), never by a test: without
/// node or the packages a test fails with one line saying what to install.
/// </summary>
public static class NodeClients
{
    public static string Folder => RepositoryRoot.Combine("tests", "clients");

    public static async Task<string> RunAsync(string script, string argument, CancellationToken cancellationToken)
    {
        var folder = EnsureInstalled("ollama");
        return await RunProcessAsync("node", $"{script} {argument}", folder, cancellationToken);
    }

    /// <summary>The clients' folder, once node is on PATH and <paramref name="requiredPackage"/> is installed there.</summary>
    public static string EnsureInstalled(string requiredPackage)
    {
        if (ServerProcess.FindOnPath("node") is null)
        {
            throw new MissingPrerequisiteException(
                "Node.js is not on PATH: install Node.js 20 or later (with npm), then build again (the build runs `npm ci`).");
        }

        var folder = Folder;
        return Directory.Exists(Path.Combine(folder, "node_modules", requiredPackage))
            ? folder
            : throw new MissingPrerequisiteException(
                $"The npm package {requiredPackage} is not installed in {folder}: build again with npm on PATH "
                + "(the build runs `npm ci` there), or run `npm ci` in that folder.");
    }

    /// <summary>
    /// Starts a script that serves until its stdin closes and prints one line when it is ready (e.g. <c>{"port":N}</c>).
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string script, string requiredPackage, CancellationToken cancellationToken)
    {
        var folder = EnsureInstalled(requiredPackage);
        var process = Process.Start(new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start node " + script);
        var node = new NodeProcess(process);
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> RunProcessAsync(string file, string arguments, string folder, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }
}
