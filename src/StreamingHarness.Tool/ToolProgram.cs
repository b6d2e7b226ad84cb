using StreamingHarness.Hosting.Sockets;

namespace StreamingHarness.Tool;

/// <summary>
/// The <c>streamingharness</c> command (a class, not top-level statements: the relay's public <c>Program</c> is
/// referenced, and two <c>Program</c> types in the global namespace would clash).
/// </summary>
internal static class ToolProgram
{
    public static Task<int> Main(string[] args)
    {
        InlineSocketCompletions.PreferUnlessConfigured();
        return ToolCommand.InvokeAsync(args, CancellationToken.None);
    }
}
