using System.CommandLine;
using System.CommandLine.Help;
using StreamingHarness.FakeOllama.Hosting;
using StreamingHarness.Harness.Cli;

namespace StreamingHarness.Tool;

/// <summary>
/// <c>streamingharness</c>: the repository's programs as subcommands, each built by the program's own command-line
/// code, so the tool and <c>dotnet run --project ...</c> cannot drift apart. The load harness's options become
/// <c>load</c>; its subcommands (<c>verify</c>, <c>merge</c> and any added later) become the tool's own.
/// </summary>
internal static class ToolCommand
{
    public const string Fake = "fake";
    public const string Relay = "relay";
    public const string Load = "load";

    public static RootCommand Create()
    {
        var harness = LoadTestCommand.Create();
        var root = new RootCommand(
            "StreamingHarness: LLM token streaming over the Ollama API, in one command.\n"
            + "  fake    a wire-faithful fake Ollama playing scripted and faulty streams (record, replay, inspect)\n"
            + "  relay   the reference streaming relay: Ollama ndjson in, SSE out\n"
            + "  load    the load harness: TTFT, inter-token latency, throughput, memory (suites, profiles)\n"
            + "  verify  hold any streaming service to the fault catalogue\n"
            + "  merge   merge the reports of a sharded load run into one\n"
            + "  bench   side-by-side CPU per token: the fake and the relay against a raw-socket floor\n"
            + "Without URLs, load starts this very tool as the fake and the relay, each a process of its own.\n"
            + "'streamingharness <command> --help' tells each command's options and exit codes.")
        {
            Adopt(Fake, FakeCommand.Create(), withSubcommands: true),
            RelayCommand.Create(),
            Adopt(Load, harness, withSubcommands: false),
        };
        foreach (var command in harness.Subcommands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse is one line per error and exit 1, whichever the command.</summary>
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var error in parse.Errors)
        {
            await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
        }

        var path = CommandPath(parse);
        await Console.Error.WriteLineAsync($"Run '{path} --help' for the options.").ConfigureAwait(false);
        return LoadTestCommand.BadInput;
    }

    /// <summary>
    /// A program's root command as a subcommand: its options (but the root's help and version, which the tool's root
    /// gives every command), optionally its subcommands, and its action, unchanged.
    /// </summary>
    private static Command Adopt(string name, RootCommand program, bool withSubcommands)
    {
        var command = new Command(name, program.Description) { Action = program.Action };
        foreach (var option in program.Options.Where(o => o is not (HelpOption or VersionOption)))
        {
            command.Options.Add(option);
        }

        foreach (var subcommand in withSubcommands ? program.Subcommands : [])
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "streamingharness";
        return string.Join(' ', names);
    }
}
