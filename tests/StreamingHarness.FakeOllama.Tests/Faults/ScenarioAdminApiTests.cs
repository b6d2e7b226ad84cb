using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints.Admin;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Faults;

public sealed class ScenarioAdminApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Scenarios_ListsEveryScenarioWithModelsAndFaults()
    {
        await using var fake = await StartAsync(FaultYaml.With("stall"), FaultYaml.Baseline);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        var (status, body) = await SendAsync(http, HttpMethod.Get, "/__fake/scenarios");

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldBe(
            """[{"name":"base","description":null,"response":"one two three four """
            + """five","models":["base"],"faults":[],"source":"test.yaml","active":false,"timing":"first token 0 ms, tokens as fast as """
            + """possible"},{"name":"t","description":null,"response":"one two three four five","models":["t"],"fau"""
            + """lts":["stall"],"source":"test.yaml","active":false,"timing":"first token 0 ms, tokens as fast as possible"}]""");
    }

    [Fact]
    public async Task PostScenario_AddsThenReplaces_AndTheNewBehaviourAnswersAtOnce()
    {
        await using var fake = await StartAsync(FaultYaml.Baseline);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        var added = await SendAsync(http, HttpMethod.Post, "/__fake/scenarios",
            """{"name":"late","response":"a b c d","faults":[{"kind":"disconnect","after_tokens":2}]}""");
        var first = await FaultTestHost.SendAsync(fake, Chat("late"));
        var replaced = await SendAsync(http, HttpMethod.Post, "/__fake/scenarios", """{"name":"late","response":"a b c d"}""");
        var second = await FaultTestHost.SendAsync(fake, Chat("late"));

        added.Status.ShouldBe(HttpStatusCode.Created);
        added.Body.ShouldBe(
            """{"name":"late","description":null,"response":"a b c d","models":["late"],"faults":["disconnect"],"source":"request """
            + """body","active":false,"timing":"first token 0 ms, tokens as fast as possible"}""");
        first.End.ShouldBe(BodyEnd.ConnectionReset);
        first.Lines.Count.ShouldBe(2);
        replaced.Status.ShouldBe(HttpStatusCode.OK);
        second.End.ShouldBe(BodyEnd.ChunkedTerminator);
        second.Lines.Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("", "missing request body")]
    [InlineData("{\"name\":\"x\",", "request body:")]
    [InlineData("{\"response\":\"a\"}", "field 'name' must not be empty")]
    [InlineData("{\"name\":\"x\",\"tokens\":\"many\"}", "request body:1: field 'tokens' must be a whole number, not 'many'")]
    [InlineData("{\"name\":\"x\",\"faults\":[{\"kind\":\"boom\"}]}", "unknown fault kind 'boom'")]
    [InlineData("{\"name\":\"x\",\"models\":[\"base\"]}", "model 'base' is served by both scenario 'base' and scenario 'x'")]
    public async Task PostScenario_BadBody_Is400WithThePreciseReason_AndChangesNothing(string body, string reason)
    {
        await using var fake = await StartAsync(FaultYaml.Baseline);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        var (status, text) = await SendAsync(http, HttpMethod.Post, "/__fake/scenarios", body);

        status.ShouldBe(HttpStatusCode.BadRequest);
        text.ShouldStartWith("{\"error\":\"");
        text.ShouldContain(reason);
        fake.ScenarioNames.ShouldBe(["base"]);
        (await FaultTestHost.SendAsync(fake, Chat("base"))).End.ShouldBe(BodyEnd.ChunkedTerminator);
    }

    [Fact]
    public async Task ActiveScenario_AnswersEveryRequestWithoutHeader_WhateverTheModel()
    {
        await using var fake = await StartAsync(FaultYaml.With("abrupt-close", "after_tokens: 1"), FaultYaml.Baseline);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        (await FaultTestHost.SendAsync(fake, Chat("llama3.2"))).StatusCode.ShouldBe(404);

        var set = await SendAsync(http, HttpMethod.Put, "/__fake/active-scenario", """{"name":"t"}""");
        var byModel = await FaultTestHost.SendAsync(fake, Chat("llama3.2"));
        var byHeader = await FaultTestHost.SendAsync(fake, Chat("llama3.2", ("X-Fake-Scenario", "base")));
        var get = await SendAsync(http, HttpMethod.Get, "/__fake/active-scenario");
        var cleared = await SendAsync(http, HttpMethod.Delete, "/__fake/active-scenario");
        var after = await FaultTestHost.SendAsync(fake, Chat("llama3.2"));

        set.ShouldBe((HttpStatusCode.OK, """{"active":"t"}"""));
        byModel.End.ShouldBe(BodyEnd.EofWithoutTerminator);
        byModel.Lines[0].ShouldContain("\"model\":\"llama3.2\"");
        byHeader.End.ShouldBe(BodyEnd.ChunkedTerminator);
        get.ShouldBe((HttpStatusCode.OK, """{"active":"t"}"""));
        cleared.ShouldBe((HttpStatusCode.OK, """{"active":null}"""));
        after.StatusCode.ShouldBe(404);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "missing request body")]
    [InlineData("nope", HttpStatusCode.BadRequest, "'nope' is an invalid JSON literal")]
    [InlineData("{}", HttpStatusCode.BadRequest, "field 'name' is required")]
    [InlineData("{\"name\":\"ghost\"}", HttpStatusCode.NotFound, "scenario 'ghost' not found (known: base)")]
    public async Task ActiveScenario_BadBody_IsRefusedPrecisely(string body, HttpStatusCode expected, string reason)
    {
        await using var fake = await StartAsync(FaultYaml.Baseline);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        var (status, text) = await SendAsync(http, HttpMethod.Put, "/__fake/active-scenario", body);

        status.ShouldBe(expected);
        text.ShouldContain(reason);
        (await SendAsync(http, HttpMethod.Get, "/__fake/active-scenario")).Body.ShouldBe("""{"active":null}""");
    }

    [Theory]
    [InlineData("/__fake/scenarios", "10.1.2.3", false)]
    [InlineData("/__fake/journal", "192.168.0.9", false)]
    [InlineData("/__fake/scenarios", "127.0.0.1", true)]
    [InlineData("/__fake/scenarios", "::1", true)]
    [InlineData("/__fake/scenarios", "::ffff:127.0.0.1", true)]
    [InlineData("/api/chat", "10.1.2.3", true)]
    public void AdminLoopbackOnly_RefusesOtherMachines(string path, string remote, bool allowed)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        AdminLoopbackOnly.IsAllowed(http).ShouldBe(allowed);
    }
}
