using System.Text.Json;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// The agent card (<c>GET /.well-known/agent-card.json</c>) in v1.0's JSON: one skill, streaming, the JSON-RPC
/// interface at <c>/a2a</c> for v1.0 and v0.3, and the security schemes in force (bearer and <c>X-API-Key</c> when
/// the relay has API keys). It also carries v0.3's <c>url</c>/<c>protocolVersion</c> so older clients find the endpoint.
/// </summary>
internal static class A2aAgentCard
{
    public const string RpcPath = "/a2a";

    public static async Task WriteAsync(HttpContext context, RelayOptions options)
    {
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{RpcPath}";
        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ProtocolJson.WriterOptions))
        {
            var a2a = options.A2A;
            json.WriteStartObject();
            json.WriteString("name", a2a.Name);
            json.WriteString("description", a2a.Description);
            json.WriteString("version", "1.0.0");
            json.WriteString("url", url);
            json.WriteString("preferredTransport", "JSONRPC");
            json.WriteString("protocolVersion", A2aWire.LegacyVersion);
            json.WriteStartArray("supportedInterfaces");
            Interface(json, url, A2aWire.Version);
            Interface(json, url, A2aWire.LegacyVersion);
            json.WriteEndArray();
            json.WriteStartObject("capabilities");
            json.WriteBoolean("streaming", true);
            json.WriteBoolean("pushNotifications", false);
            json.WriteEndObject();
            Security(json, options.Auth.Enabled);
            Modes(json, "defaultInputModes");
            Modes(json, "defaultOutputModes");
            json.WriteStartArray("skills");
            json.WriteStartObject();
            json.WriteString("id", "chat");
            json.WriteString("name", "Chat");
            json.WriteString("description", $"Answers a text message with {a2a.Model}'s reply, streamed as artifact chunks.");
            json.WriteStartArray("tags");
            json.WriteStringValue("chat");
            json.WriteStringValue("llm");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void Interface(Utf8JsonWriter json, string url, string version)
    {
        json.WriteStartObject();
        json.WriteString("url", url);
        json.WriteString("protocolBinding", "JSONRPC");
        json.WriteString("protocolVersion", version);
        json.WriteEndObject();
    }

    /// <summary>
    /// v1.0's shapes: <c>{"bearer":{"httpAuthSecurityScheme":{…}}}</c> and <c>[{"schemes":{"bearer":{"list":[]}}}]</c>.
    /// </summary>
    private static void Security(Utf8JsonWriter json, bool enabled)
    {
        json.WriteStartObject("securitySchemes");
        if (enabled)
        {
            json.WriteStartObject("bearer");
            json.WriteStartObject("httpAuthSecurityScheme");
            json.WriteString("scheme", "Bearer");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("apiKey");
            json.WriteStartObject("apiKeySecurityScheme");
            json.WriteString("location", "header");
            json.WriteString("name", "X-API-Key");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("securityRequirements");
        if (enabled)
        {
            foreach (var scheme in (string[])["bearer", "apiKey"])
            {
                json.WriteStartObject();
                json.WriteStartObject("schemes");
                json.WriteStartObject(scheme);
                json.WriteStartArray("list");
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void Modes(Utf8JsonWriter json, string name)
    {
        json.WriteStartArray(name);
        json.WriteStringValue("text/plain");
        json.WriteEndArray();
    }
}
