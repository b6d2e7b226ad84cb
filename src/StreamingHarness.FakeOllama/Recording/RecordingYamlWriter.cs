using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Writes a recording as a scenario file that <see cref="RecordingYamlReader"/> reads back byte for byte: one flow
/// mapping per line (so an error names the line of the file that holds it), its bytes as a double-quoted string
/// (escapes keep CR, tabs and control characters exact) or as base64 when they are not valid UTF-8.
/// </summary>
internal static class RecordingYamlWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static string Write(RecordedExchange exchange)
    {
        var root = new YamlMappingNode
        {
            { "description", Quoted(Describe(exchange)) },
            { "recording", Recording(exchange) },
        };

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // No 'name:': the scenario is named after its file, whatever name the store gives it.
        text.WriteLine("# Recorded by the fake's record mode. Replay: ask for the model named like this file (without .yaml),");
        text.WriteLine("# or send 'X-Fake-Scenario: <that name>'.");
        text.WriteLine(
            "# Layer faults with a scenario of its own: 'recording: <this file>' plus 'faults:' (scenarios/README.md, section recorded).");
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024));
        new YamlStream(new YamlDocument(root)).Save(emitter, assignAnchors: false);
        return text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    public static string Describe(RecordedExchange exchange)
    {
        var tokens = exchange.Lines.Count(l => l.IsToken);
        var status = exchange.Status == 0 ? "no response" : exchange.Status.ToString(CultureInfo.InvariantCulture);
        return $"Recorded {exchange.Request.Method} {exchange.Request.Path} for '{exchange.Request.Model}': {status}, "
            + $"{exchange.Lines.Count} lines, {tokens} tokens, ended {RecordingYamlReader.EndName(exchange.End)}"
            + (exchange.Redacted ? " (redacted)" : "");
    }

    private static YamlMappingNode Recording(RecordedExchange exchange)
    {
        var request = new YamlMappingNode
        {
            { "method", exchange.Request.Method },
            { "path", Quoted(exchange.Request.Path) },
            { "model", Quoted(exchange.Request.Model) },
        };
        if (exchange.Request.Prompt is { } prompt)
        {
            request.Add("prompt", Quoted(prompt));
        }

        request.Add("body", Quoted(exchange.Request.Body));

        var headers = new YamlMappingNode();
        foreach (var (key, value) in exchange.Headers)
        {
            headers.Add(key, Quoted(value));
        }

        var lines = new YamlSequenceNode();
        foreach (var line in exchange.Lines)
        {
            var entry = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
            entry.Add("at_ms", Ms(line.AtMs));
            if (TryDecode(line.Bytes, out var text))
            {
                entry.Add("text", Quoted(text));
            }
            else
            {
                entry.Add("base64", Convert.ToBase64String(line.Bytes));
            }

            lines.Add(entry);
        }

        var recording = new YamlMappingNode();
        if (exchange.Upstream is { } upstream)
        {
            recording.Add("upstream", Quoted(upstream));
        }

        if (exchange.RecordedAt is { } at)
        {
            recording.Add("recorded_at", Quoted(at));
        }

        recording.Add("redacted", exchange.Redacted ? "true" : "false");
        recording.Add("request", request);
        recording.Add("response", new YamlMappingNode
        {
            { "status", exchange.Status.ToString(CultureInfo.InvariantCulture) },
            { "headers_ms", Ms(exchange.HeadersMs) },
            { "headers", headers },
            { "end", RecordingYamlReader.EndName(exchange.End) },
            { "lines", lines },
        });
        return recording;
    }

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static string Ms(double ms) => Math.Round(ms, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
