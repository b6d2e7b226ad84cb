using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>The contract's <c>retryable</c> follows the one rule (Protocol's RetryableStatus) the client retries by.</summary>
public sealed class ProblemContractTests
{
    [Theory]
    [InlineData(500, "internal_error", true)]
    [InlineData(502, "upstream_unavailable", true)]
    [InlineData(503, "upstream_unavailable", true)]
    [InlineData(429, "rate_limited", true)]
    [InlineData(400, "invalid_request", false)]
    [InlineData(404, "not_found", false)]
    public async Task Problem_Status_IsRetryableAsTheClientRetries(int status, string code, bool retryable)
    {
        await using var relay = new RelayFactory(new Uri("http://127.0.0.1:9/"));
        var problems = relay.Services.GetRequiredService<IProblemDetailsService>();
        var context = new DefaultHttpContext { RequestServices = relay.Services };
        context.Response.Body = new MemoryStream();
        context.Response.StatusCode = status;

        var written = await problems.TryWriteAsync(
            new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Status = status } });

        written.ShouldBeTrue();

        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("retryable").GetBoolean().ShouldBe(retryable);
    }
}
