using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing.RawHttp;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Faults;

public sealed class ErrorFaultTests
{
    private const string RunnerStopped =
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for "
            + "details";

    [Fact]
    public async Task ErrorMidstream_WritesOllamasErrorLineThenEndsCleanly()
    {
        await using var fake = await StartAsync(FaultYaml.With("error-midstream", "after_tokens: 3"), FaultYaml.Baseline);
        var baseline = await SendAsync(fake, Chat("t", ("X-Fake-Scenario", "base")));

        var response = await SendAsync(fake, Chat("t"));

        response.StatusCode.ShouldBe(200);
        response.Lines.ShouldBe([.. baseline.Lines.Take(3), $$"""{"error":"{{RunnerStopped}}"}"""]);
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Fault);
        entry.LinesWritten.ShouldBe(4);
        entry.TokensDelivered.ShouldBe(3);
    }

    [Theory]
    [InlineData("http-500", 500, "timed out waiting for llama runner to start - progress 0.00 - ", null)]
    [InlineData("overloaded-503", 503, "server busy, please try again.  maximum pending requests exceeded", null)]
    [InlineData("rate-limited-429", 429, "too many requests, please retry later", "2")]
    public async Task HttpError_AnswersTheStatusWithOllamasBody(string kind, int status, string message, string? retryAfter)
    {
        await using var fake = await StartAsync(FaultYaml.With(kind));

        var response = await SendAsync(fake, Chat("t"));

        response.StatusCode.ShouldBe(status);
        response.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        response.Header("Retry-After").ShouldBe(retryAfter);
        response.BodyText.ShouldBe($$"""{"error":"{{message}}"}""");
        response.End.ShouldBe(BodyEnd.ContentLengthComplete);
        var entry = await FinishedEntryAsync(fake);
        entry.Status.ShouldBe(status);
        entry.Faults.Single().Fault.ShouldBe(kind);
    }

    [Fact]
    public async Task HttpError_GivenStatusMessageAndRetryAfter()
    {
        await using var fake = await StartAsync(FaultYaml.With("http-error", "status: 502", "message: bad gateway", "retry_after_s: 7"));

        var response = await SendAsync(fake, Generate("t"));

        response.StatusCode.ShouldBe(502);
        response.Header("Retry-After").ShouldBe("7");
        response.BodyText.ShouldBe("""{"error":"bad gateway"}""");
    }

    [Fact]
    public async Task LegacyError_Answers200NdjsonWithOnlyTheErrorLine()
    {
        await using var fake = await StartAsync(FaultYaml.With("legacy-error"));

        var response = await SendAsync(fake, Chat("t"));

        response.StatusCode.ShouldBe(200);
        response.Header("Content-Type").ShouldBe("application/x-ndjson");
        response.BodyText.ShouldBe($$"""{"error":"{{RunnerStopped}}"}""" + "\n");
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        (await FinishedEntryAsync(fake)).TokensDelivered.ShouldBe(0);
    }

    [Fact]
    public async Task ErrorFaults_LeaveNonStreamedAnswersToHttpErrorsOnly()
    {
        await using var fake = await StartAsync(
            FaultYaml.With("error-midstream", "after_tokens: 1"), FaultYaml.Scenario("u", "a b", ("overloaded-503", [])));

        var lineFault = await SendAsync(
            fake, RawHttpRequest.PostJson("/api/chat", """{"model":"t","stream":false,"messages":[{"role":"user","content":"hi"}]}"""));
        var statusFault = await SendAsync(
            fake, RawHttpRequest.PostJson("/api/chat", """{"model":"u","stream":false,"messages":[{"role":"user","content":"hi"}]}"""));

        lineFault.StatusCode.ShouldBe(200);
        lineFault.BodyText.ShouldContain("\"content\":\"one two three four five\"");
        statusFault.StatusCode.ShouldBe(503);
    }
}
