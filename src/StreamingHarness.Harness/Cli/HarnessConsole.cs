using Spectre.Console;

namespace StreamingHarness.Harness.Cli;

/// <summary>
/// The console the harness writes its tables and verdict to. Spectre.Console detects colour and hyperlink support
/// from the terminal type, not from where the output goes, so a redirected run (CI logs, a file) would keep ANSI
/// colours and OSC-8 links: here they are decided from the redirection and <c>NO_COLOR</c> (no-color.org).
/// </summary>
internal static class HarnessConsole
{
    /// <summary>CI logs are not 80 columns wide: redirected tables get this width.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>
    /// Redirected: plain text (no escape sequences at all), not interactive, <see cref="RedirectedWidth"/> wide.
    /// <c>NO_COLOR</c> set and not empty: no colours and no links, the live view still works.
    /// </summary>
    public static IAnsiConsole Create(TextWriter output, bool redirected, string? noColor)
    {
        var colourless = redirected || !string.IsNullOrEmpty(noColor);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = colourless ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (colourless)
        {
            console.Profile.Capabilities.Links = false;
        }

        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>Makes <see cref="AnsiConsole"/> the process's console as <see cref="Create"/> decides it.</summary>
    public static void Configure() => AnsiConsole.Console =
        Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));
}
