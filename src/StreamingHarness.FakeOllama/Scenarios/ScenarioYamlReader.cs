using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Recording;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// Reads one scenario per <c>*.yaml</c> file (the file name is the default scenario name) and validates it, so a
/// mistake stops start-up with the file, the line and the reason. scenarios/README.md documents every field.
/// </summary>
internal static class ScenarioYamlReader
{
    public static IReadOnlyList<Scenario> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ScenarioLoadException(directory, 0, "scenario folder not found");
        }

        // Recordings (record mode's output) live in the 'recorded' subfolder and are served like any scenario.
        var recorded = Path.Combine(directory, RecordingYamlReader.RecordedFolder);
        string[] folders = Directory.Exists(recorded) ? [directory, recorded] : [directory];
        return [.. folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.yaml")
            .Concat(Directory.EnumerateFiles(folder, "*.yml"))
            .Order(StringComparer.Ordinal))
            .Select(ReadFile)];
    }

    public static Scenario ReadFile(string path) =>
        Read(File.ReadAllText(path), path, Path.GetFileNameWithoutExtension(path));

    public static Scenario Read(string yaml, string file, string defaultName)
    {
        var map = new YamlMap(LoadRoot(yaml, file), file, "a scenario");
        var interToken = map.Number("inter_token_ms", 0);
        var tokensPerSecond = map.Number("tokens_per_second", 0);
        if (interToken is not null && tokensPerSecond is not null)
        {
            throw map.Error(map.Node("inter_token_ms")!, "give either 'tokens_per_second' or 'inter_token_ms', not both");
        }

        var scenario = new Scenario
        {
            Name = map.String("name") ?? defaultName,
            Description = map.String("description"),
            Models = [.. map.List("models").Select(n => ReadModel(n, map))],
            Matches = [.. map.List("matches").Select(n => ReadMatch(n, file))],
            Echo = map.Bool("echo") ?? false,
            Response = map.String("response"),
            Tokens = map.Integer("tokens", 0) ?? 16,
            Thinking = map.String("thinking"),
            ThinkingLevels = ReadThinkingLevels(map),
            ToolCalls = [.. map.List("tool_calls").Select(n => ReadToolCall(n, file))],
            ToolPath = ReadToolPath(map),
            LogprobOffTop = map.Number("logprob_off_top", 0, 1) ?? 0,
            Pull = map.Node("pull") is { } pull ? ReadPull(pull, file) : null,
            ToolSilenceMs = map.Number("tool_silence_ms", 0),
            Seed = (long)(map.Number("seed", long.MinValue, long.MaxValue) ?? 0),
            LoadMs = map.Number("load_ms", 0) ?? 0,
            FirstTokenMs = map.Number("first_token_ms", 0) ?? 0,
            TokensPerSecond = tokensPerSecond ?? 0,
            InterTokenMs = interToken,
            JitterMs = map.Number("jitter_ms", 0) ?? 0,
            TimeScale = map.Number("time_scale", double.Epsilon) ?? 1,
            PauseAfterTokens = map.Integer("pause_after_tokens", 1),
            Parallel = map.Integer("parallel", 0) ?? 0,
            MaxQueue = map.Integer("max_queue", 0) ?? 512,
            Faults = [.. map.List("faults").Select(n => FaultYamlReader.Read(n, file))],
            Recording = map.Node("recording") is { } recording ? RecordingYamlReader.Read(recording, file) : null,
            SourceFile = file,
        };
        map.RejectUnknownKeys();
        if (scenario.Recording is not null)
        {
            RecordingYamlReader.RejectGeneratedFields(map);
        }

        if (string.IsNullOrWhiteSpace(scenario.Name))
        {
            throw new ScenarioLoadException(file, map.Line, "field 'name' must not be empty");
        }

        return scenario;
    }

    private static int LineOf(string text, string what)
    {
        var at = text.IndexOf(what, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? 0 : text.AsSpan(0, at).Count('\n') + 1;
    }

    /// <summary>Parses one YAML document; a syntax error names the file and the line.</summary>
    public static YamlNode LoadRoot(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScenarioLoadException(file, ex.Start.Line, "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message));
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet turns "\ud800\ud800" into a code point with char.ConvertToUtf32, which throws without a position.
            throw new ScenarioLoadException(
                file, LineOf(yaml, "\\ud"), "not valid YAML: a \\u escape is not a valid Unicode character (" + ex.ParamName + ")");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioLoadException(file, 0, $"expected one YAML document (one scenario per file), found {stream.Documents.Count}");
        }

        return stream.Documents[0].RootNode;
    }

    private static ModelSpec ReadModel(YamlNode node, YamlMap parent)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } name })
        {
            return new ModelSpec { Name = name };
        }

        var map = new YamlMap(node, parent.File, "a model");
        var defaults = new ModelSpec { Name = "x" };
        var model = new ModelSpec
        {
            Name = map.String("name") ?? throw map.Error(node, "a model needs a 'name'"),
            Family = map.String("family") ?? defaults.Family,
            ParameterSize = map.String("parameter_size") ?? defaults.ParameterSize,
            QuantizationLevel = map.String("quantization_level") ?? defaults.QuantizationLevel,
            Capabilities = map.List("capabilities") is { Count: > 0 } caps ? [.. caps.Select(c => map.Scalar(c, "capabilities"))]
            : defaults.Capabilities,
            ContextLength = map.Integer("context_length", 1) ?? defaults.ContextLength,
            EmbeddingLength = map.Integer("embedding_length", 1, 65536) ?? defaults.EmbeddingLength,
            SizeBytes = (long)(map.Number("size_bytes", 0) ?? defaults.SizeBytes),
        };
        map.RejectUnknownKeys();
        return model;
    }

    /// <summary><c>thinking_levels:</c> a mapping from <c>low</c>, <c>medium</c>, <c>high</c> or <c>max</c> to thinking text.</summary>
    private static Dictionary<string, string> ReadThinkingLevels(YamlMap parent)
    {
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.Node("thinking_levels") is not { } node)
        {
            return levels;
        }

        var map = new YamlMap(node, parent.File, "thinking_levels");
        foreach (var level in (ReadOnlySpan<string>)["low", "medium", "high", "max"])
        {
            if (map.String(level) is { } text)
            {
                levels[level] = text;
            }
        }

        map.RejectUnknownKeys();
        return levels;
    }

    private static PullSpec ReadPull(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "pull");
        var pull = new PullSpec
        {
            Models = [.. map.List("models").Select(n => map.Scalar(n, "models"))],
            Layers = [.. map.List("layers").Select(n => long.TryParse(map.Scalar(n, "layers"), out var size) && size > 0
                ? size
                : throw map.Error(n, "each of 'layers' must be a size in bytes (a whole number above 0)"))],
            BytesPerSecond = map.Number("bytes_per_second", 1) ?? new PullSpec().BytesPerSecond,
        };
        map.RejectUnknownKeys();
        return pull;
    }

    private static ToolCallPath ReadToolPath(YamlMap map) => map.String("tool_path") switch
    {
        null or "template" => ToolCallPath.Template,
        "native" => ToolCallPath.Native,
        "generate" => ToolCallPath.Generate,
        var other => throw map.Error(map.Node("tool_path")!, $"field 'tool_path' must be one of template, native, generate, not '{other}'"),
    };

    private static PromptMatch ReadMatch(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "a match rule");
        var contains = map.String("contains");
        var pattern = map.String("pattern");
        var response = map.String("response");
        map.RejectUnknownKeys();
        if ((contains is null) == (pattern is null))
        {
            throw map.Error(node, "a match rule needs exactly one of 'contains' or 'pattern'");
        }

        if (response is null)
        {
            throw map.Error(node, "a match rule needs a 'response'");
        }

        if (pattern is not null)
        {
            try
            {
                _ = new Regex(pattern);
            }
            catch (ArgumentException ex)
            {
                throw map.Error(map.Node("pattern")!, $"field 'pattern' is not a valid regular expression: {ex.Message}");
            }
        }

        return new PromptMatch { Contains = contains, Pattern = pattern, Response = response };
    }

    private static ToolCallSpec ReadToolCall(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "a tool call");
        var name = map.String("name") ?? throw map.Error(node, "a tool call needs a 'name'");
        var argumentsNode = map.Node("arguments");
        map.RejectUnknownKeys();
        if (argumentsNode is not null and not YamlMappingNode)
        {
            throw map.Error(argumentsNode, "field 'arguments' must be a mapping (it becomes a JSON object)");
        }

        var arguments = argumentsNode is null ? [] : (JsonObject)YamlJson.Convert(argumentsNode)!;
        return new ToolCallSpec { Name = name, Arguments = arguments };
    }
}
