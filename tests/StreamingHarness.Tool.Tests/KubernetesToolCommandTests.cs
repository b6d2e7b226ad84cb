using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Testing.Files;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.Tool.Tests;

/// <summary>
/// Containers in <c>deploy/kubernetes/</c> that run the installed tool directly (the fake's Deployment) must hand it a
/// command line its parser accepts. Kubernetes fills <c>$(VAR)</c> from the environment; here with sample values.
/// </summary>
public sealed partial class KubernetesToolCommandTests
{
    private const string ToolPath = "/tools/streamingharness";

    private static readonly Dictionary<string, string> SampleEnvironment = new()
    {
        ["JOB_COMPLETION_INDEX"] = "0",
        ["START_AT"] = "2030-01-01T00:00:00Z",
    };

    [Fact]
    public void Manifests_ToolContainers_HaveCommandLinesTheToolAccepts()
    {
        var commandLines = Directory.GetFiles(RepositoryRoot.Combine("deploy", "kubernetes"), "*.yaml")
            .SelectMany(file => ToolCommandLines(file).Select(args => (File: Path.GetFileName(file), Args: args)))
            .ToList();

        commandLines.ShouldContain(c => c.File == "fake.yaml" && c.Args[0] == "fake");
        foreach (var (file, args) in commandLines)
        {
            var errors = ToolCommand.Create().Parse(args).Errors.Select(e => e.Message);
            errors.ShouldBeEmpty($"{file}: streamingharness {string.Join(' ', args)}");
        }
    }

    private static IEnumerable<string[]> ToolCommandLines(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        return stream.Documents.SelectMany(d => Mappings(d.RootNode))
            .Where(m => Strings(m, "command") is [ToolPath])
            .Select(m => Strings(m, "args").Select(Substitute).ToArray());
    }

    private static string Substitute(string argument) =>
        EnvironmentReference().Replace(argument, m => SampleEnvironment.GetValueOrDefault(m.Groups[1].Value, "sample"));

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex EnvironmentReference();

    private static IEnumerable<YamlMappingNode> Mappings(YamlNode node) => node switch
    {
        YamlMappingNode mapping => [mapping, .. mapping.Children.Values.SelectMany(Mappings)],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Mappings),
        _ => [],
    };

    private static string[] Strings(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")]
            : [];
}
