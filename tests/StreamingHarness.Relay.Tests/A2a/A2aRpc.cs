using System.Text.Json;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.A2a;

/// <summary>Requests to the relay's <c>POST /a2a</c> and what its answers hold.</summary>
internal static class A2aRpc
{
    public const string Path = "/a2a";

    public static string Send(string method, string model, object id) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + JsonSerializer.Serialize(id) + ",\"method\":\"" + method + "\","
        + "\"params\":{\"message\":{\"messageId\":\"m1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello\"}],"
        + "\"metadata\":{\"model\":\"" + model + "\"}}}}";

    public static string Call(string method, string paramsJson, object id) =>
        $$"""{"jsonrpc":"2.0","id":{{JsonSerializer.Serialize(id)}},"method":"{{method}}","params":{{paramsJson}}}""";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? version = "1.0") =>
        RelayHttp.PostAsync(client, Path, body, request =>
        {
            if (version is not null)
            {
                request.Headers.Add("A2A-Version", version);
            }
        });

    /// <summary>Posts and reads the one JSON-RPC answer (HTTP 200, application/json).</summary>
    public static async Task<JsonElement> AnswerAsync(HttpClient client, string body, string? version = "1.0")
    {
        using var response = await PostAsync(client, body, version);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return await RelayHttp.ReadJsonAsync(response);
    }

    /// <summary>The answer's error code, after checking it is an error for <paramref name="id"/> (raw JSON) and nothing else.</summary>
    public static long ErrorCode(JsonElement answer, string id = "1")
    {
        answer.GetProperty("jsonrpc").GetString().ShouldBe("2.0");
        answer.GetProperty("id").GetRawText().ShouldBe(id);
        answer.TryGetProperty("result", out _).ShouldBeFalse();
        answer.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        return answer.GetProperty("error").GetProperty("code").GetInt64();
    }

    /// <summary>The <c>result</c> of each SSE event of a stream, in order.</summary>
    public static List<JsonElement> Results(List<SseEvent> events) =>
        [.. events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("result").Clone())];
}
