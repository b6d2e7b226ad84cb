using System.Diagnostics;

namespace StreamingHarness.Testing.Processes;

/// <summary>A program run to its end (a start-up that must fail, a command): its exit code and both outputs.</summary>
public sealed record FinishedProcess(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Runs <paramref name="fileName"/> until it exits; killed, and a <see cref="TimeoutException"/>, past the deadline.</summary>
    public static async Task<FinishedProcess> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? deadline = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(deadline ?? Eventually.DefaultDeadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not exit within {deadline ?? Eventually.DefaultDeadline}: {await error}");
        }

        return new FinishedProcess(process.ExitCode, await output, await error);
    }
}
