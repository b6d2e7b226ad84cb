using System.Text;
using StreamingHarness.FakeOllama.Scenarios;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Reads a scenario's <c>recording:</c> field: the recording itself (as record mode writes it), or the path of a
/// recording file, relative to the scenario's folder, so faults can be layered on a recording without copying it.
/// Every problem names the file, the line and the reason, as for any scenario field.
/// </summary>
internal static class RecordingYamlReader
{
    private static readonly (RecordedEnd End, string Name)[] Ends =
        [
            (RecordedEnd.Completed, "completed"), (RecordedEnd.Eof, "eof"), (RecordedEnd.Reset, "reset"),
            (RecordedEnd.ClientLeft, "client-left"),
        ];

    /// <summary>The subfolder of a scenario folder that record mode writes to and the fake reads recordings from.</summary>
    public const string RecordedFolder = "recorded";

    private static readonly string[] GeneratedFields =
        [
            "matches", "echo", "response", "tokens", "thinking", "tool_calls", "load_ms", "first_token_ms", "tokens_per_second",
            "inter_token_ms", "jitter_ms",
        ];

    /// <summary>A recorded scenario's answer and timing come from the recording; fields that script them would be ignored.</summary>
    public static void RejectGeneratedFields(YamlMap scenario)
    {
        foreach (var field in GeneratedFields)
        {
            if (scenario.Node(field) is { } node)
            {
                throw scenario.Error(
                    node,
                    $"field '{field}' does not apply to a recorded scenario: the recording gives the answer and its timing (faults, "
                    + "time_scale, pause_after_tokens, parallel and max_queue do apply)");
            }
        }
    }

    public static string EndName(RecordedEnd end) => Ends.First(e => e.End == end).Name;

    public static RecordedExchange Read(YamlNode node, string file)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } reference })
        {
            return ReadReference(node, reference, file);
        }

        var map = new YamlMap(node, file, "field 'recording'");
        var upstream = map.String("upstream");
        var recordedAt = map.String("recorded_at");
        var redacted = map.Bool("redacted") ?? false;
        var request = ReadRequest(map.Node("request") ?? throw map.Error(node, "a recording needs a 'request'"), file);
        var responseNode = map.Node("response") ?? throw map.Error(node, "a recording needs a 'response'");
        map.RejectUnknownKeys();

        var response = new YamlMap(responseNode, file, "field 'response'");
        var status = response.Integer("status", 0, 599) ?? throw response.Error(
            responseNode,
            "a response needs a 'status' (0 when the connection ended before any response)");
        if (status is > 0 and < 100)
        {
            throw response.Error(
                response.Node("status")!,
                $"field 'status' must be 0 (no response) or an HTTP status from 100 to 599, not {status}");
        }

        var headersMs = response.Number("headers_ms", 0) ?? 0;
        var headers = ReadHeaders(response.Node("headers"), file);
        var end = ReadEnd(response);
        var lineNodes = response.List("lines");
        response.RejectUnknownKeys();

        var contentType = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var framing = RecordedFraming.Of(contentType, lineNodes.Count);
        var lines = new List<RecordedLine>(lineNodes.Count);
        for (var i = 0; i < lineNodes.Count; i++)
        {
            var (atMs, line) = ReadLine(lineNodes[i], file, i, lines.Count == 0 ? 0 : lines[^1].AtMs);
            if (i < lineNodes.Count - 1 && (line.Length == 0 || line[^1] != (byte)'\n'))
            {
                throw new ScenarioLoadException(
                    file, lineNodes[i].Start.Line,
                    $"line {i + 1} of {lineNodes.Count} does not end with a newline: only the last line may be torn");
            }

            lines.Add(new RecordedLine(atMs, line, LineClassifier.Classify(line, request.Path, framing)));
        }

        if (status == 0 && lines.Count > 0)
        {
            throw response.Error(responseNode, "status 0 (no response) cannot have lines");
        }

        return new RecordedExchange
        {
            Request = request,
            Status = status,
            Headers = headers,
            HeadersMs = headersMs,
            Lines = lines,
            End = end,
            Upstream = upstream,
            RecordedAt = recordedAt,
            Redacted = redacted,
        };
    }

    private static RecordedExchange ReadReference(YamlNode node, string reference, string file)
    {
        // Relative to the scenario's own file; for a scenario that has none (the admin API's body), to the current folder.
        var path = Path.GetFullPath(File.Exists(file)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, reference)
            : reference);
        if (!File.Exists(path))
        {
            throw new ScenarioLoadException(
                file, node.Start.Line,
                $"field 'recording': recording file '{reference}' not found (looked for {path})");
        }

        if (string.Equals(path, Path.GetFullPath(file), StringComparison.Ordinal))
        {
            throw new ScenarioLoadException(file, node.Start.Line, "field 'recording' refers to its own file");
        }

        // Only the recording is read from there (the file is a scenario of its own when it sits in a scenario folder),
        // and it must be inline, so references never chain or loop.
        var root = ScenarioYamlReader.LoadRoot(File.ReadAllText(path), path);
        var recording = root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("recording"), out var found)
            ? found
            : null;
        return recording is YamlMappingNode
            ? Read(recording, path)
            : throw new ScenarioLoadException(
                file, node.Start.Line,
                $"field 'recording': '{reference}' must hold a recording itself (a 'recording:' mapping, as record mode writes it)");
    }

    private static RecordedRequest ReadRequest(YamlNode node, string file)
    {
        var map = new YamlMap(node, file, "field 'request'");
        var method = map.String("method") ?? "POST";
        var path = map.String("path") ?? throw map.Error(node, "a request needs a 'path' (such as /api/chat)");
        if (!path.StartsWith('/'))
        {
            throw map.Error(map.Node("path")!, $"field 'path' must start with '/', not '{path}'");
        }

        var request = new RecordedRequest(method, path, map.String("model") ?? "", map.String("prompt"), map.String("body") ?? "");
        map.RejectUnknownKeys();
        return request;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(YamlNode? node, string file)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode headers)
        {
            throw new ScenarioLoadException(file, node.Start.Line, "field 'headers' must be a mapping of header names to values");
        }

        return [.. headers.Children.Select(h => KeyValuePair.Create(
            (h.Key as YamlScalarNode)?.Value ?? "",
            h.Value is YamlScalarNode { Value: { } value } ? value : throw new ScenarioLoadException(
                file, h.Value.Start.Line,
                $"header '{h.Key}' must be a single value")))];
    }

    private static RecordedEnd ReadEnd(YamlMap response)
    {
        var text = response.String("end") ?? "completed";
        foreach (var (end, name) in Ends)
        {
            if (name == text)
            {
                return end;
            }
        }

        var known = string.Join(", ", Ends.Select(e => e.Name));
        throw response.Error(response.Node("end")!, $"field 'end' must be one of {known}, not '{text}'");
    }

    private static (double AtMs, byte[] Bytes) ReadLine(YamlNode node, string file, int index, double previousMs)
    {
        var map = new YamlMap(node, file, $"line {index + 1}");
        var at = map.Number("at_ms", 0) ?? throw map.Error(
            node,
            $"line {index + 1} needs 'at_ms' (milliseconds since the request arrived)");
        if (at < previousMs)
        {
            throw map.Error(
                map.Node("at_ms")!,
                $"line {index + 1}: 'at_ms' {at} is earlier than the previous line's {previousMs}: lines must be in arrival order");
        }

        var text = map.String("text");
        var base64 = map.String("base64");
        map.RejectUnknownKeys();
        if ((text is null) == (base64 is null))
        {
            throw map.Error(node, $"line {index + 1} needs exactly one of 'text' or 'base64'");
        }

        if (text is not null)
        {
            return (at, Encoding.UTF8.GetBytes(text));
        }

        try
        {
            return (at, Convert.FromBase64String(base64!));
        }
        catch (FormatException)
        {
            throw map.Error(map.Node("base64")!, $"line {index + 1}: field 'base64' is not valid base64");
        }
    }
}
