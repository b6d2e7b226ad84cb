using System.Net;
using Shouldly;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Client.Tests.Faults;

/// <summary>
/// Every built-in fault scenario (scenarios/*.yaml) through <see cref="Microsoft.Extensions.AI.IChatClient"/>, on real
/// sockets against the fake: the exact text, or the exception's code and tokens received, and what the fake saw.
/// Timeouts run on virtual time (<see cref="FaultTimeoutTests"/>).
/// </summary>
public sealed class FaultCatalogueTests
{
    private const string FirstThree = "The quick brown";
    private const string FirstTwo = "The quick";

    [Theory]
    [InlineData("blank-lines")]
    [InlineData("empty-chunks")]
    [InlineData("wrong-content-type")]
    [InlineData("cold-start")]
    [InlineData("slow-tokens")]
    [InlineData("early-headers")]
    [InlineData("slow-first-token")]
    [InlineData("stall")]
    public async Task Scenario_TheRobustClientGetsEveryToken(string scenario)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var (text, error) = await ChatAsync(client);

        error.ShouldBeNull();
        text.ShouldBe(Sentence);
        (await fake.FinishedChatsAsync()).Single().Ending.ShouldBe(StreamEnding.Completed);
    }

    [Fact]
    public async Task Trickle_LinesCutInsideJsonAndInsideUtf8Characters_ArriveWhole()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("trickle");

        var (text, error) = await ChatAsync(client);

        error.ShouldBeNull();
        text.ShouldBe("Café ☕ naïve 日本語 text arrives in pieces.");
    }

    [Theory]
    [InlineData("error-midstream", "upstream_error", 3, FirstThree)]
    [InlineData("silent-truncation", "upstream_error", 3, FirstThree)]
    [InlineData("disconnect", "upstream_disconnected", 3, FirstThree)]
    [InlineData("abrupt-close", "upstream_disconnected", 3, FirstThree)]
    [InlineData("torn-line", "upstream_protocol", 3, FirstThree)]
    [InlineData("malformed-line", "upstream_protocol", 2, FirstTwo)]
    [InlineData("wrong-types", "upstream_protocol", 2, FirstTwo)]
    [InlineData("bad-utf8", "upstream_protocol", 2, FirstTwo)]
    [InlineData("huge-line", "upstream_protocol", 2, FirstTwo)]
    public async Task Scenario_FailsAfterTheTokensThatArrived(string scenario, string code, int tokens, string text)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var (received, error) = await ChatAsync(client);

        received.ShouldBe(text);
        error.ShouldNotBeNull();
        error.Code.ShouldBe(code);
        error.TokensReceived.ShouldBe(tokens);
        error.UpstreamStatus.ShouldBeNull();
        (await fake.FinishedChatsAsync()).Count.ShouldBe(1, "nothing is retried once a token arrived");
    }

    [Theory]
    [InlineData("error-midstream", "model runner has unexpectedly stopped")]
    [InlineData("wrong-types", "field 'message' is missing")]
    [InlineData("bad-utf8", "upstream line 3 holds text that is not valid UTF-8")]
    [InlineData("huge-line", "line longer than the limit of 8388608 bytes")]
    [InlineData("malformed-line", "malformed upstream line: ndjson line 3: not valid JSON")]
    public async Task Scenario_MessageSaysWhatBroke(string scenario, string message)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var (_, error) = await ChatAsync(client);

        error!.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("early-eof")]
    [InlineData("after-done")]
    public async Task Scenario_EveryTokenButNoCleanEnd_IsUpstreamProtocol(string scenario)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var (text, error) = await ChatAsync(client);

        text.ShouldBe(Sentence);
        error!.Code.ShouldBe("upstream_protocol");
        error.TokensReceived.ShouldBe((await fake.FinishedChatsAsync()).Single().TokensDelivered);
        error.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task LegacyError_A200WithOnlyAnErrorLine_IsUpstreamErrorBeforeAnyToken()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("legacy-error");

        var (text, error) = await ChatAsync(client);

        text.ShouldBeEmpty();
        error!.Code.ShouldBe("upstream_error");
        error.TokensReceived.ShouldBe(0);
        error.Retryable.ShouldBeTrue();
    }

    [Theory]
    [InlineData(
        "http-500", HttpStatusCode.InternalServerError,
        "upstream answered 500: timed out waiting for llama runner to start - progress 0.00 - ")]
    [InlineData(
        "overloaded-503", HttpStatusCode.ServiceUnavailable,
        "upstream answered 503: server busy, please try again.  maximum pending requests exceeded")]
    public async Task ServerError_RetriedThenUpstreamErrorWithItsStatus(string scenario, HttpStatusCode status, string message)
    {
        await using var fake = await StartAsync();
        using var client = fake.Client(scenario);

        var (text, error) = await ChatAsync(client);

        text.ShouldBeEmpty();
        error!.Code.ShouldBe("upstream_error");
        error.UpstreamStatus.ShouldBe(status);
        error.Message.ShouldBe(message);
        error.TokensReceived.ShouldBe(0);
        (await fake.FinishedChatsAsync(3)).Count.ShouldBe(3, "the first attempt and MaxRetries = 2");
    }

    [Fact]
    public async Task RateLimited429_ARetryAfterLongerThanMaxRetryAfter_FailsAtOnceWithIt()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("rate-limited-429", o => o.MaxRetryAfter = TimeSpan.FromSeconds(1));

        var (_, error) = await ChatAsync(client);

        error!.Code.ShouldBe("upstream_error");
        error.UpstreamStatus.ShouldBe(HttpStatusCode.TooManyRequests);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
        (await fake.FinishedChatsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task DropBeforeHeaders_RetriedThenUpstreamUnavailable()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("drop-before-headers");

        var (_, error) = await ChatAsync(client);

        error!.Code.ShouldBe("upstream_unavailable");
        error.TokensReceived.ShouldBe(0);
        error.Retryable.ShouldBeTrue();
        (await fake.FinishedChatsAsync(3)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task FlakyThenOk_TheBusyAnswerIsRetried_TheResetAfterTokensIsReportedRetryable_AndTheNextCallSucceeds()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("flaky-then-ok");

        var (firstText, firstError) = await ChatAsync(client);
        var (secondText, secondError) = await ChatAsync(client);

        firstText.ShouldBe(FirstThree);
        firstError!.Code.ShouldBe("upstream_disconnected");
        firstError.Retryable.ShouldBeTrue();
        firstError.TokensReceived.ShouldBe(3);
        secondError.ShouldBeNull();
        secondText.ShouldBe(Sentence);
        var chats = await fake.FinishedChatsAsync(3);
        chats.Select(c => c.Status).ShouldBe([503, 200, 200]);
    }

    [Fact]
    public void EveryBuiltInFaultScenario_HasACaseHere()
    {
        var covered = new[]
        {
            "blank-lines", "empty-chunks", "wrong-content-type", "cold-start", "slow-tokens", "early-headers", "slow-first-token",
            "stall", "trickle", "error-midstream", "silent-truncation", "disconnect", "abrupt-close", "torn-line", "malformed-line",
            "wrong-types", "bad-utf8", "huge-line", "early-eof", "after-done", "legacy-error", "http-500", "overloaded-503",
            "rate-limited-429", "drop-before-headers", "flaky-then-ok", "schema-violation", "invalid-json",
        };
        covered.ShouldBe(FaultCatalog.BuiltInScenarios.Select(f => f.Name), ignoreOrder: true);
    }
}
