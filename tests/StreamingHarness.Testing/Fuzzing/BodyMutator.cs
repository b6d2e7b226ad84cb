using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace StreamingHarness.Testing.Fuzzing;

/// <summary>
/// CsCheck generators of broken request bodies: a valid seed body with up to four <see cref="Mutation"/>s applied.
/// Values a <see cref="JsonNode"/> cannot hold (lone surrogates, 1e400, 300 levels of nesting) are written as markers
/// and swapped for their raw JSON text once the tree is serialised.
/// </summary>
public static class BodyMutator
{
    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "123456789012345678901234567890",
        "18446744073709551616", "-9223372036854775809", "2147483648", "1e-400", "\"\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"a\\ud83d\"", "\"\\ud800\\ud800\"", "\"\\u0000\"", "\"0\"", "\"-1\"", "\"5m\"", "\"-1s\"", "\"1e400\"", "\"high\"",
        "\"true\"", "\"user\"", "\"\\ufffd\"", "[]", "{}", "[null]", "[\"\"]", "[\"\\ud800\"]", "[1,\"a\",null,{}]",
        "{\"\":null}", "{\"a\":[{}]}", "[[]]", "{\"type\":\"\\udfff\"}", "\"" + new string('x', 5000) + "\"",
    ];

    private static readonly string[] Splices = ["\\ud800", "\\udc00", "\\ud83d", "\\u0000", "\\\"", "\\\\", "\u00e9", "\\ud83d\\ude00", ""];

    private static readonly string[] FieldNames =
    [
        "model", "MODEL", "Messages", "messages", "prompt", "think", "keep_alive", "options", "stop", "images", "format",
        "stream", "tools", "", "\\ud800", "__proto__", "num_predict", "content", "role", "input",
    ];

    private static readonly byte[] CorruptBytes = [
        (byte)'{', (byte)'}', (byte)'"', (byte)',', (byte)'\\', (byte)':', 0xFF, 0xC3, 0xED, 0x00];

    /// <summary>One mutation, uniformly over kinds and positions.</summary>
    public static readonly Gen<Mutation> Mutation = Gen.Select(
        Gen.Int[0, Enum.GetValues<MutationKind>().Length - 1], Gen.UInt, Gen.Int[0, 1_000_000], Gen.Int[1, 300],
        (kind, where, what, size) => new Mutation((MutationKind)kind, where, what, size));

    /// <summary>A target and its seed body with zero (a valid request) to four mutations.</summary>
    public static Gen<FuzzCase> Cases(IReadOnlyList<FuzzTarget> targets) =>
        Gen.Select(Gen.Int[0, targets.Count - 1], Mutation.Array[0, 4], (t, mutations) => Apply(targets[t], mutations));

    public static FuzzCase Apply(FuzzTarget target, IReadOnlyList<Mutation> mutations)
    {
        var root = JsonNode.Parse(target.SeedBody)!;
        var raw = new List<string>();
        foreach (var m in mutations.Where(m => m.Kind is not (MutationKind.Truncate or MutationKind.Corrupt)))
        {
            root = Mutate(root, m, raw);
        }

        var text = root.ToJsonString();
        for (var i = raw.Count - 1; i >= 0; i--)
        {
            // Latest first: a nested value's raw text may hold the markers of earlier mutations.
            text = text.Replace($"\"~~v{i}~~\"", raw[i], StringComparison.Ordinal).Replace($"~~s{i}~~", raw[i], StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var m in mutations)
        {
            if (m.Kind == MutationKind.Truncate && bytes.Length > 0)
            {
                bytes = bytes[..(int)(m.Where % (uint)bytes.Length)];
            }
            else if (m.Kind == MutationKind.Corrupt && bytes.Length > 0)
            {
                bytes[m.Where % (uint)bytes.Length] = CorruptBytes[m.What % CorruptBytes.Length];
            }
        }

        return new FuzzCase(target, bytes);
    }

    private static JsonNode Mutate(JsonNode root, Mutation m, List<string> raw)
    {
        var positions = Positions(root);
        if (positions.Count == 0)
        {
            return root;
        }

        var (parent, key, index, node) = positions[(int)(m.Where % (uint)positions.Count)];
        // A whole value (replaced with its quotes) or a piece of a string or key (replaced inside them).
        JsonNode? Marker(string json)
        {
            raw.Add(json);
            return JsonValue.Create($"~~v{raw.Count - 1}~~");
        }

        string InString(string text)
        {
            raw.Add(text);
            return $"~~s{raw.Count - 1}~~";
        }

        switch (m.Kind)
        {
            case MutationKind.Delete:
                Remove(parent, key, index);
                break;
            case MutationKind.Retype:
                Set(parent, key, index, Marker(Replacements[m.What % Replacements.Length]));
                break;
            case MutationKind.Nest:
                var depth = m.Size;
                var inner = node?.ToJsonString() ?? "null";
                var wrapped = m.What % 2 == 0
                    ? new string('[', depth) + inner + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + inner + new string('}', depth);
                Set(parent, key, index, Marker(wrapped));
                break;
            case MutationKind.SpliceString when node is JsonValue value && value.TryGetValue<string>(out var s)
                && !s.Contains("~~", StringComparison.Ordinal):
                var at = m.What % (s.Length + 1);
                Set(parent, key, index, JsonValue.Create(s[..at] + InString(Splices[m.Size % Splices.Length]) + s[at..]));
                break;
            case MutationKind.NullInArray when node is JsonArray array:
                array.Insert(m.What % (array.Count + 1), null);
                break;
            case MutationKind.NullInArray when parent is JsonArray array:
                array[index] = null;
                break;
            case MutationKind.AddField when node is JsonObject obj:
                var name = FieldNames[m.What % FieldNames.Length];
                obj[name.Contains('\\', StringComparison.Ordinal) ? InString(name) : name] = Marker(
                    Replacements[m.Size % Replacements.Length]);
                break;
            case MutationKind.Empty:
                Set(parent, key, index, node switch
                {
                    JsonArray => new JsonArray(),
                    JsonObject => new JsonObject(),
                    _ => JsonValue.Create(""),
                });
                break;
        }

        return root;
    }

    private static List<(JsonNode Parent, string? Key, int Index, JsonNode? Node)> Positions(JsonNode root)
    {
        var list = new List<(JsonNode, string?, int, JsonNode?)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (k, v) in obj.ToList())
                    {
                        list.Add((obj, k, -1, v));
                        Walk(v);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        list.Add((array, null, i, array[i]));
                        Walk(array[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return list;
    }

    private static void Remove(JsonNode parent, string? key, int index)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove(key!);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(index);
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }
}
