using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// Reads a custom profile (docs/verify.md, "Protocol profiles"). Every key is checked when the run starts; any mistake
/// (unknown key, missing key, wrong type, bad JSON path, unset environment variable) throws
/// <see cref="FormatException"/> as <c>file:line: reason</c>.
/// </summary>
internal static class ProfileFile
{
    private static readonly string[] TopKeys = ["name", "request", "framing", "token", "done", "error", "ignore"];

    public static CustomProfile Load(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                stream.Load(reader);
            }

            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode map
                ? map
                : throw new FormatException($"{path}:1: a profile is one YAML mapping with the keys {string.Join(", ", TopKeys)}");
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}:{ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return new CustomProfile(Read(new Node(path, root)));
    }

    private static ProfileDefinition Read(Node root)
    {
        root.OnlyKeys(TopKeys);
        var name = root.RequiredString("name");
        var request = root.RequiredMap("request");
        request.OnlyKeys("method", "path", "body", "headers");
        var method = (request.OptionalString("method") ?? "POST").ToUpperInvariant();
        if (method is not ("POST" or "PUT" or "GET"))
        {
            throw request.ErrorAt("method", $"method '{method}' is not POST, PUT or GET");
        }

        var pathText = request.RequiredString("path");
        if (!pathText.StartsWith('/'))
        {
            throw request.ErrorAt("path", $"path '{pathText}' must start with '/' (the base URL comes from --url)");
        }

        var body = request.Parse("body", ProfileTemplate.Parse);
        if (method == "GET" && body is not null)
        {
            throw request.ErrorAt("body", "a GET request has no body");
        }

        var headers = request.OptionalMap("headers") is { } map
            ? map.ParseAll(ProfileTemplate.Parse)
            : [];
        var framing = root.RequiredString("framing") switch
        {
            "sse" => ProfileFraming.Sse,
            "ndjson" => ProfileFraming.Ndjson,
            var other => throw root.ErrorAt("framing", $"framing '{other}' is not sse or ndjson"),
        };

        var token = root.RequiredMap("token");
        token.OnlyKeys("event", "text");
        var done = root.RequiredMap("done");
        done.OnlyKeys("event", "when");
        var error = root.OptionalMap("error");
        error?.OnlyKeys("event", "message");
        var definition = new ProfileDefinition(
            name,
            root.Path,
            new HttpMethod(method),
            pathText,
            body,
            headers,
            framing,
            token.OptionalString("event"),
            token.Parse("text", JsonPath.Parse)
            ?? throw token.Error("'token' needs 'text': the JSON path of the token's text, as in $.content"),
            done.OptionalString("event"),
            done.Parse("when", JsonCondition.Parse),
            error?.OptionalString("event"),
            error?.Parse("message", JsonPath.Parse),
            root.StringList("ignore").ToHashSet(StringComparer.Ordinal));
        Check(definition, root, token, done, error);
        return definition;
    }

    private static void Check(ProfileDefinition d, Node root, Node token, Node done, Node? error)
    {
        if (d.Framing == ProfileFraming.Ndjson)
        {
            foreach (var (node, key) in new[] { (token, "event"), (done, "event"), (error, "event") })
            {
                if (node?.Has(key) == true)
                {
                    throw node.ErrorAt(key, "ndjson lines have no event names: use 'when' (done) or a JSON path (text, message)");
                }
            }

            if (root.Has("ignore"))
            {
                throw root.ErrorAt("ignore", "'ignore' lists SSE event names; ndjson has none");
            }

            if (d.DoneWhen is null)
            {
                throw done.Error("ndjson needs 'when' to spot the last line, as in when: $.done == true");
            }

            if (error is not null && d.ErrorMessage is null)
            {
                throw error.Error("ndjson needs the error's 'message' path: a line holding it is an error line");
            }
        }
        else if (d.DoneEvent is null && d.DoneWhen is null)
        {
            throw done.Error("'done' needs 'event' (the terminal event's name) or 'when' (a condition on its data)");
        }

        if (error is not null && d.ErrorEvent is null && d.ErrorMessage is null)
        {
            throw error.Error("'error' needs 'event' or 'message'");
        }
    }
}
