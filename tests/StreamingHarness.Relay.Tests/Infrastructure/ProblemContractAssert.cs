using System.Text.Json;
using Shouldly;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>The relay's one error contract: a ProblemDetails body with <c>code</c>, <c>retryable</c> and the request's id.</summary>
public static class ProblemContractAssert
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, string code, bool retryable)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await RelayHttp.ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("retryable").GetBoolean().ShouldBe(retryable);
        var requestId = problem.GetProperty("requestId").GetString();
        requestId.ShouldNotBeNull();
        requestId.ShouldMatch("^[0-9a-f]{32}$");
        response.Headers.GetValues("X-Request-Id").ShouldBe([requestId]);
        return problem;
    }
}
