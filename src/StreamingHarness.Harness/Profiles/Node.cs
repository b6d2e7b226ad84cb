using YamlDotNet.RepresentationModel;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// A YAML mapping of a profile file with its file name, so every complaint about it says <c>file:line: reason</c>.
/// </summary>
internal sealed class Node(string path, YamlMappingNode map)
{
    public string Path => path;

    public bool Has(string key) => Find(key) is not null;

    public void OnlyKeys(params string[] allowed)
    {
        foreach (var (key, _) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw At(key, $"unknown key '{key}' (allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    public string RequiredString(string key) => OptionalString(key) ?? throw Error($"missing required key '{key}'");

    public string? OptionalString(string key) => Find(key) switch
    {
        null => null,
        YamlScalarNode { Value: { Length: > 0 } value } => value,
        var other => throw At(other, $"'{key}' must be a non-empty text value"),
    };

    public Node RequiredMap(string key) => OptionalMap(key) ?? throw Error($"missing required key '{key}'");

    public Node? OptionalMap(string key) => Find(key) switch
    {
        null => null,
        YamlMappingNode child => new Node(path, child),
        var other => throw At(other, $"'{key}' must be a mapping ({{ key: value, ... }})"),
    };

    /// <summary>
    /// The text of <paramref name="key"/> run through <paramref name="parse"/>; its <see cref="FormatException"/> gets the key's line.
    /// </summary>
    public T? Parse<T>(string key, Func<string, T> parse)
        where T : class
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw ErrorAt(key, $"'{key}': {ex.Message}");
        }
    }

    /// <summary>Every value of this mapping (headers) run through <paramref name="parse"/>, each with its own line in errors.</summary>
    public List<KeyValuePair<string, T>> ParseAll<T>(Func<string, T> parse)
        where T : class =>
        [.. map.Children.Keys.Select(k => k.ToString()).Select(key => KeyValuePair.Create(key, Parse(key, parse)!))];

    public IReadOnlyList<string> StringList(string key) => Find(key) switch
    {
        null => [],
        YamlSequenceNode list =>
        [.. list.Children.Select(
        item => item is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw At(item, $"'{key}' lists event names (text)"))],
        var other => throw At(other, $"'{key}' must be a list, as in [start, end]"),
    };

    public FormatException Error(string reason) => At(map, reason);

    public FormatException ErrorAt(string key, string reason) => At((YamlNode?)FindKey(key) ?? map, reason);

    private YamlNode? Find(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private YamlNode? FindKey(string key) => map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == key);

    private FormatException At(YamlNode node, string reason) => new($"{path}:{node.Start.Line}: {reason}");
}
