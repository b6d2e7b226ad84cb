using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.Relay.Tests.Infrastructure;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Endpoints;

/// <summary>
/// The pass-through's calls that answer at once (tags, version, ps, show, embed, embeddings): the upstream's status,
/// content type and bytes, its errors included, within <c>Relay:Upstream:MetadataTimeout</c>.
/// </summary>
public sealed class MetadataPassThroughTests
{
    private const string Json = "application/json; charset=utf-8";
    private const string Show = """{"model":"qwen3"}""";
    private const string Embed = """{"model":"all-minilm","input":["a","b"]}""";
    private const string Embeddings = """{"model":"all-minilm","prompt":"a"}""";

    /// <summary>Every forwarded route, with a body for the POSTs.</summary>
    public static TheoryData<string, string, string?> Routes => new()
    {
        { "GET", "/api/tags", null },
        { "GET", "/api/version", null },
        { "GET", "/api/ps", null },
        { "POST", "/api/show", Show },
        { "POST", "/api/embed", Embed },
        { "POST", "/api/embeddings", Embeddings },
    };

    /// <summary>What the fake answers the same twice (embeddings carry durations: their bytes are checked above).</summary>
    public static TheoryData<string, string, string?> DeterministicAnswers => new()
    {
        { "GET", "/api/tags", null },
        { "GET", "/api/version", null },
        { "GET", "/api/ps", null },
        { "POST", "/api/show", Show },
    };

    public static TheoryData<string, string, string?> UpstreamErrors => new()
    {
        { "POST", "/api/show", """{"model":"nope"}""" },
        { "POST", "/api/show", "{}" },
        { "POST", "/api/show", """{"model":""" },
        { "POST", "/api/embed", """{"model":"nope","input":"a"}""" },
        { "POST", "/api/embed", """{"model":"all-minilm","input":7}""" },
        { "POST", "/api/embed", "not json" },
        { "POST", "/api/embeddings", """{"model":"nope","prompt":"a"}""" },
        { "POST", "/api/embeddings", """{"model":["all-minilm"]}""" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ApiMetadata_UpstreamAnswer_IsCopiedByteForByte(string method, string path, string? body)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Then(context => AnswerAsync(context, StatusCodes.Status200OK, "application/json", Unusual));
        await using var relay = new RelayFactory(upstream.BaseAddress);

        using var response = await SendRawAsync(relay.CreateClient(), method, path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json", "as the upstream sent it, no charset added");
        (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(Unusual);
        upstream.Requests.ShouldHaveSingleItem().ShouldBe((path, body ?? ""), "the body went upstream as the client sent it");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ApiMetadata_UpstreamServerError_KeepsItsStatusBodyAndRetryAfter(string method, string path, string? body)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.ThenStatus(StatusCodes.Status503ServiceUnavailable, "server busy", retryAfter: "7");
        await using var relay = new RelayFactory(upstream.BaseAddress);

        using var response = await SendRawAsync(relay.CreateClient(), method, path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await RelayHttp.ReadTextAsync(response)).ShouldBe("""{"error":"server busy"}""");
        upstream.Requests.Count.ShouldBe(1, "no retries: the client decides");
    }

    [Theory]
    [MemberData(nameof(DeterministicAnswers))]
    public async Task ApiMetadata_Answers_AreTheFakesBytes(string method, string path, string? body)
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);
        using var direct = new HttpClient { BaseAddress = env.Fake.BaseAddress };
        using var chat = await RelayHttp.PostAsync(env.Client, "/api/chat", ScenarioRun.Body("llama3.2"));
        await RelayHttp.ReadTextAsync(chat);

        var relayed = await SendAsync(env.Client, method, path, body);
        var expected = await SendAsync(direct, method, path, body);

        relayed.Status.ShouldBe(HttpStatusCode.OK);
        relayed.ShouldBe(expected);
        if (path == "/api/ps")
        {
            relayed.Body.ShouldContain("\"name\":\"llama3.2:latest\"", Case.Sensitive, "the chat went through the relay");
        }
    }

    [Theory]
    [MemberData(nameof(UpstreamErrors))]
    public async Task ApiMetadata_UpstreamErrors_KeepTheirStatusAndBody(string method, string path, string? body)
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);
        using var direct = new HttpClient { BaseAddress = env.Fake.BaseAddress };

        var relayed = await SendAsync(env.Client, method, path, body);
        var expected = await SendAsync(direct, method, path, body);

        ((int)relayed.Status).ShouldBeInRange(400, 499);
        relayed.Body.ShouldStartWith("""{"error":""", Case.Sensitive, "Ollama's shape, not a relay 500");
        relayed.ShouldBe(expected);
    }

    [Fact]
    public async Task ApiShow_UnknownModel_Is404InOllamaShape()
    {
        await using var env = await RelayOverFake.StartAsync(builtInScenarios: true);

        var relayed = await SendAsync(env.Client, "POST", "/api/show", """{"model":"nope"}""");

        relayed.ShouldBe(new Answer(HttpStatusCode.NotFound, Json, """{"error":"model 'nope:latest' not found"}"""));
    }

    [Theory]
    [InlineData("GET", "/api/tags")]
    [InlineData("GET", "/api/version")]
    [InlineData("GET", "/api/ps")]
    [InlineData("POST", "/api/show")]
    [InlineData("POST", "/api/embed")]
    [InlineData("POST", "/api/embeddings")]
    public async Task ApiMetadata_UpstreamSilent_Is502AfterTheMetadataTimeoutNotTheFirstTokenOne(string method, string path)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Then(context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        var time = new TestClock();
        await using var relay = WithThreeSecondMetadataTimeout(upstream, time);
        using var client = relay.CreateClient();
        var body = method == "POST" ? Embed : null;

        var answer = SendAsync(client, method, path, body);
        await Eventually.WaitUntilAsync(() => upstream.Requests.Count == 1, "the upstream has the request");
        time.Advance(TimeSpan.FromSeconds(3));
        var response = await answer.WaitAsync(Eventually.DefaultDeadline, TestContext.Current.CancellationToken);

        upstream.Requests.ShouldHaveSingleItem().ShouldBe((path, body ?? ""), "the body went upstream as the client sent it");
        response.ShouldBe(new Answer(
            HttpStatusCode.BadGateway,
            Json,
            $$"""{"error":"the upstream did not answer {{path}} within 3 s """
                + """(Relay:Upstream:MetadataTimeout)"}"""));
    }

    [Fact]
    public async Task ApiEmbed_UpstreamStallsMidBody_BreaksTheConnectionAtTheMetadataTimeout()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Then(async context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync("""{"model":"all-minilm","""u8.ToArray());
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        });
        var time = new TestClock();
        await using var relay = WithThreeSecondMetadataTimeout(upstream, time);
        using var response = await SendRawAsync(relay.CreateClient(), "POST", "/api/embed", Embed);
        var body = response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(3));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "the upstream's headers were already out");
        var broken = await Should.ThrowAsync<HttpRequestException>(
            body.WaitAsync(Eventually.DefaultDeadline, TestContext.Current.CancellationToken));
        broken.InnerException.ShouldBeOfType<IOException>("a broken connection, not a short body that looks whole");
    }

    [Fact]
    public async Task ApiEmbed_OverTheRequestBudget_Is429InOllamaShape()
    {
        await using var env = await RelayOverFake.StartAsync(
            builtInScenarios: true,
            settings: new Dictionary<string, string?>
            {
                ["Relay:RateLimits:BurstRequests"] = "1",
                ["Relay:RateLimits:RequestsPerPeriod"] = "1",
                ["Relay:RateLimits:ReplenishPeriod"] = "00:01:00",
            });

        var first = await SendAsync(env.Client, "POST", "/api/embed", Embed);
        var second = await SendAsync(env.Client, "POST", "/api/embeddings", Embeddings);
        var show = await SendAsync(env.Client, "POST", "/api/show", Show);

        first.Status.ShouldBe(HttpStatusCode.OK);
        second.ShouldBe(new Answer(
            HttpStatusCode.TooManyRequests,
            Json,
            """{"error":"rate limit reached: too many requests or too many concurrent streams for this client"}"""));
        show.Status.ShouldBe(HttpStatusCode.OK, "show is metadata, like tags and version: not rate-limited");
    }

    [Fact]
    public async Task ApiEmbed_BodyOverTheLimit_Is413InOllamaShape()
    {
        await using var env = await RelayOverFake.StartAsync(
            builtInScenarios: true, settings: new Dictionary<string, string?> { ["Relay:Requests:MaxBodyBytes"] = "1024" });

        var answer = await SendAsync(env.Client, "POST", "/api/embed", $$"""{"model":"all-minilm","input":"{{new string('a', 2000)}}"}""");

        answer.ShouldBe(new Answer(
            HttpStatusCode.RequestEntityTooLarge, Json, """{"error":"request body larger than 1024 bytes"}"""));
        env.Fake.Journal.Entries.ShouldNotContain(e => e.Path == "/api/embed");
    }

    /// <summary>Not what Ollama says, so that only a byte copy gets it right: no trailing newline, non-ASCII, odd spacing.</summary>
    private static byte[] Unusual => Encoding.UTF8.GetBytes("""{ "models" : [ ] ,"note":"é ✓ \u00e9"}""");

    private static RelayFactory WithThreeSecondMetadataTimeout(ScriptedUpstream upstream, TimeProvider time) =>
        new(upstream.BaseAddress, new Dictionary<string, string?> { ["Relay:Upstream:MetadataTimeout"] = "00:00:03" },
            RelayFactory.Clock(time));

    private static async Task AnswerAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body);
    }

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private static async Task<Answer> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var response = await SendRawAsync(client, method, path, body);
        return new Answer(
            response.StatusCode, response.Content.Headers.ContentType?.ToString(), await RelayHttp.ReadTextAsync(response));
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body);
}
