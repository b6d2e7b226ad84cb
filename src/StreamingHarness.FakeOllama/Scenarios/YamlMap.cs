using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// Typed, line-aware reading of one YAML mapping: every error names the file, the line and the field, and a key that
/// no reader asked for is reported as unknown (a typo must not be silently ignored).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlNode node, string file, string what)
    {
        File = file;
        _node = node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of fields");
    }

    public string File { get; }

    public long Line => _node.Start.Line;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    public string? String(string key) => Node(key) is { } node ? Scalar(node, key) : null;

    public bool? Bool(string key)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        return Scalar(node, key) switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            var other => throw Error(node, $"field '{key}' must be true or false, not '{other}'"),
        };
    }

    public double? Number(string key, double min, double max = double.MaxValue)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            throw Error(node, $"field '{key}' must be a number, not '{text}'");
        }

        if (value < min || value > max)
        {
            throw Error(node, $"field '{key}' must be between {min} and {max}, not {text}");
        }

        return value;
    }

    public int? Integer(string key, int min, int max = int.MaxValue)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, $"field '{key}' must be a whole number, not '{text}'");
        }

        if (value < min || value > max)
        {
            throw Error(node, $"field '{key}' must be between {min} and {max}, not {value}");
        }

        return value;
    }

    public IReadOnlyList<YamlNode> List(string key)
    {
        if (Node(key) is not { } node)
        {
            return [];
        }

        return node is YamlSequenceNode sequence ? [.. sequence.Children] : throw Error(node, $"field '{key}' must be a list");
    }

    /// <summary>Fails on the first key nobody read, listing the known ones.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!_read.Contains(name))
            {
                throw Error(key, $"unknown field '{name}' (known fields: {string.Join(", ", _read.Order(StringComparer.Ordinal))})");
            }
        }
    }

    public ScenarioLoadException Error(YamlNode node, string reason) => new(File, node.Start.Line, reason);

    public string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"field '{key}' must be a single value");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
