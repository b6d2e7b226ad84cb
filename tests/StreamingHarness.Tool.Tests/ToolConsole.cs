namespace StreamingHarness.Tool.Tests;

/// <summary>Runs the tool's command line with standard error captured (the process's console, so one at a time).</summary>
internal static class ToolConsole
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<int> RunAsync(StringWriter error, params string[] args)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            return await ToolCommand.InvokeAsync(args, TestContext.Current.CancellationToken);
        }
        finally
        {
            Console.SetError(original);
            Gate.Release();
        }
    }
}
