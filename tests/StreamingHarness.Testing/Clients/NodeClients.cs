using System.Diagnostics;

namespace StreamingHarness.Testing.Clients;

/// <summary>
/// Runs a script of <c>tests/clients</c> with node, or starts one that serves (<see cref="StartAsync"/>). The npm
/// packages are installed by the build's caller (<c>.ci/run</c> runs <c>npm ci</c>), never by a test: a missing
/// <c>node_modules</c> fails with how to install it.
/// </summary>
public static class NodeClients
{
    public static string Folder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "tests", "clients", "package.json")))
            {
                directory = directory.Parent;
            }

            return directory is null
                ? throw new DirectoryNotFoundException("tests/clients not found above " + AppContext.BaseDirectory)
                : Path.Combine(directory.FullName, "tests", "clients");
        }
    }

    public static async Task<string> RunAsync(string script, string argument, CancellationToken cancellationToken)
    {
        var folder = Folder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "ollama")))
        {
            throw new InvalidOperationException(
                $"The npm clients are not installed in {folder}: run `npm ci` there (.ci/run does) before `dotnet test`.");
        }

        return await RunProcessAsync("node", $"{script} {argument}", folder, cancellationToken);
    }

    /// <summary>
    /// Starts a script that serves until its stdin closes and prints one line when it is ready (e.g. <c>{"port":N}</c>).
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string script, string requiredPackage, CancellationToken cancellationToken)
    {
        var folder = Folder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", requiredPackage)))
        {
            throw new InvalidOperationException(
                $"The npm package {requiredPackage} is not installed in {folder}: run `npm ci` there (.ci/run does) before `dotnet test`.");
        }

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
