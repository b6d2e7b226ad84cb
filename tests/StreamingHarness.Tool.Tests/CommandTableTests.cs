using Shouldly;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.Tool.Tests;

/// <summary>Every command a user can type is in the documentation's command table and in the tool's own help.</summary>
public sealed class CommandTableTests
{
    public static TheoryData<string> VisibleCommands() =>
        [.. ToolCommand.Create().Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(VisibleCommands))]
    public void ToolDocs_CommandTable_HasARowForEachCommand(string command)
    {
        var rows = File.ReadLines(RepositoryRoot.Combine("docs", "tool.md"))
            .Where(l => l.StartsWith("| `streamingharness ", StringComparison.Ordinal));

        rows.ShouldContain(r => r.StartsWith($"| `streamingharness {command} ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(VisibleCommands))]
    public void RootHelp_ListsEachCommand(string command) =>
        ToolCommand.Create().Description!.Split('\n').ShouldContain(l => l.StartsWith($"  {command} ", StringComparison.Ordinal));
}
