using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Structured;

/// <summary>Reads structured answers off the wire and checks them against their schema (JsonSchema.Net).</summary>
internal static class StructuredWire
{
    public static readonly string PersonSchema = Q(
        "{'type':'object','properties':{'name':{'type':'string','minLength':2},'age':{'type':'integer','minimum':0,'maximum':120},"
        + "'email':{'type':'string','format':'email'},'tags':{'type':'array','items':{'enum':['a','b','c']},'minItems':2,'maxItems':4},"
        + "'address':{'type':'object','properties':{'city':{'type':'string'},'zip':{'type':'string','maxLength':5}},'required':['city']}},"
        + "'required':['name','age','address']}");

    /// <summary>JSON written with single quotes, for readability in C# strings.</summary>
    public static string Q(string json) => json.Replace('\'', '"');

    public static RawHttpRequest Chat(string model, string format, bool stream = true, string? think = null) => RawHttpRequest.PostJson(
        "/api/chat",
        Q($"{{'model':'{model}','stream':{(stream ? "true" : "false")},'format':{format}")
        + (think is null ? "" : ",\"think\":" + think)
        + Q(",'messages':[{'role':'user','content':'who?'}]}"));

    /// <summary>Each native chat line's message.content, in order (the final line's included).</summary>
    public static IReadOnlyList<JsonObject> ChatLines(RawHttpResponse response) =>
        [.. response.Lines.Select(l => JsonNode.Parse(l)!.AsObject())];

    public static string Content(IEnumerable<JsonObject> lines) =>
        string.Concat(lines.Select(l => l["message"]?["content"]?.GetValue<string>() ?? ""));

    public static EvaluationResults Validate(string schema, string json) =>
        JsonSchema.FromText(schema)
            .Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { RequireFormatValidation = true });

    public static bool Parses(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
