using System.Text.Json;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// Plain JSON-RPC answers (not streams). Errors are HTTP 200 with a JSON-RPC <c>error</c>, as JSON-RPC over HTTP and the
/// SDK's server answer them; refusals of the relay itself (401, 413, 429) keep their HTTP status and ProblemDetails.
/// </summary>
internal static class A2aRpcResponder
{
    public const string ContentType = "application/json";

    public static async Task WriteErrorAsync(HttpContext context, A2aRpcException error)
    {
        Begin(context);
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ProtocolJson.WriterOptions))
        {
            A2aEventWriter.WriteEnvelope(json, error.IdJson, "error"u8);
            json.WriteStartObject();
            json.WriteNumber("code"u8, error.Code);
            json.WriteString("message"u8, error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteTaskAsync(HttpContext context, A2aRpcRequest request, A2aTaskRecord task, TimeProvider time)
    {
        Begin(context);
        var snapshot = A2aEventWriter.Snapshot(task, request.Legacy, time);
        A2aJsonFormat.WriteTaskResult(context.Response.BodyWriter, request, snapshot, wrap: false);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void Begin(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
    }
}
