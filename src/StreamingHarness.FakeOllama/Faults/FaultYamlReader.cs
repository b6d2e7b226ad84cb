using StreamingHarness.FakeOllama.Scenarios;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>Reads one entry of a scenario's <c>faults:</c> list into an <see cref="IStreamFault"/>.</summary>
internal static class FaultYamlReader
{
    public static IStreamFault Read(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "a fault");
        var kind = map.String("kind") ?? throw map.Error(node, "a fault needs a 'kind'");
        throw map.Error(node, $"unknown fault kind '{kind}'");
    }
}
