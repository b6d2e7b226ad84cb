extern alias fake;
using System.Net;
using System.Text.Json;
using fake::StreamingHarness.FakeOllama.Journal;
using Shouldly;
using StreamingHarness.Testing;
using StreamingHarness.Testing.Time;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>One <c>POST /stream/chat</c> to a scenario's model: what the client saw and the fake's journal entries for it.</summary>
public sealed record ScenarioRun(
    HttpStatusCode Status, List<SseEvent> Events, JsonElement Problem, TimeSpan? RetryAfter, IReadOnlyList<JournalEntry> Upstream)
{
    public List<string> Types => [.. Events.Select(e => e.Type)];

    public int Tokens => Events.Count(e => e.Type == "token");

    public string Text =>
        string.Concat(
        Events.Where(e => e.Type == "token").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("content").GetString()));

    /// <summary>The one terminal error event (fails if there is not exactly one terminal event).</summary>
    public (string Code, string Message) Error
    {
        get
        {
            Events.Count(e => e.Type is "done" or "error").ShouldBe(1);
            var error = JsonDocument.Parse(Events.Single(e => e.Type == "error").Data).RootElement;
            return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
        }
    }

    /// <summary>Starts the relay over the fake with its built-in scenarios and runs one request to <paramref name="scenario"/>.</summary>
    public static async Task<ScenarioRun> RunBuiltInAsync(
        string scenario, Dictionary<string, string?>? settings = null, TestClock? clock = null, Action<SseEvent, int>? onEvent = null)
    {
        await using var env = await RelayOverFake.StartAsync(
            settings: settings, builtInScenarios: true, services: clock is null ? null : RelayFactory.Clock(clock));
        return await ExecuteAsync(env, scenario, onEvent);
    }

    public static string Body(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"go"}]}""";

    /// <summary>Runs one request; <paramref name="onEvent"/> sees each event as it arrives (with the tokens so far).</summary>
    public static async Task<ScenarioRun> ExecuteAsync(RelayOverFake env, string scenario, Action<SseEvent, int>? onEvent = null)
    {
        var before = env.Fake.Journal.Entries.Count(e => e.Path == "/api/chat");
        using var response = await RelayHttp.PostAsync(env.Client, "/stream/chat", Body(scenario));
        List<SseEvent> events = [];
        JsonElement problem = default;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            events = await RelayHttp.ReadEventsAsync(response, onEvent ?? ((_, _) => { }));
            events.Count(e => e.Type is "done" or "error").ShouldBe(1, "exactly one terminal event");
            events[^1].Type.ShouldBeOneOf("done", "error");
        }
        else
        {
            problem = await RelayHttp.ReadJsonAsync(response);
        }

        // Every upstream request of this run has finished: the relay let go of each.
        var entries = await Eventually.WaitAsync(
            () => Task.FromResult(env.Fake.Journal.Entries.Where(e => e.Path == "/api/chat").Skip(before).ToList()),
            list => list.Count > 0 && list.All(e => e.IsFinished),
            "every upstream request of the run has finished");
        entries.ShouldAllBe(e => e.IsFinished);
        return new ScenarioRun(response.StatusCode, events, problem, response.Headers.RetryAfter?.Delta, entries);
    }
}
