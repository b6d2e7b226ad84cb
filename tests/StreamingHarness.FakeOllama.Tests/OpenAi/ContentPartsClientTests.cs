using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Clients;
using static StreamingHarness.FakeOllama.Tests.Responses.ResponsesContractTests;

namespace StreamingHarness.FakeOllama.Tests.OpenAi;

/// <summary>
/// Content parts as the official openai npm client sends them, against the fake: each part a native message of its own
/// (so the echo is the last user part), the middleware's errors as the client reports them.
/// </summary>
public sealed class ContentPartsClientTests
{
    [Fact]
    public async Task OpenAiNpm_ContentParts_SeeEachPartAsAMessageOfItsOwn()
    {
        await using var fake = await TestScenarios.StartAsync(new Scenario
        {
            Name = "echo", Models = [new ModelSpec { Name = "echo", Capabilities = ["completion", "vision"] }], Echo = true,
        });

        var output = await NodeClients.RunAsync(
            "openai-content-parts-check.mjs", fake.BaseAddress.ToString().TrimEnd('/') + " echo", TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("stream").GetRawText().ShouldBe(
            J("{'deltas':['second',' part'],'usage':{'prompt_tokens':2,'completion_tokens':2,'total_tokens':4}}"));
        result.GetProperty("imageLast").GetRawText().ShouldBe(
            J("{'content':'','usage':{'prompt_tokens':1,'completion_tokens':0,'total_tokens':1}}"));
        result.GetProperty("badAudio").GetRawText().ShouldBe(J(
            "{'error':'BadRequestError','status':400,"
            + "'message':'400 invalid input_audio base64 data: illegal base64 data at input byte 4'}"));
        result.GetProperty("nullContent").GetRawText().ShouldBe(
            J("{'error':'BadRequestError','status':400,'message':'400 invalid message content type: <nil>'}"));
        fake.Journal.Entries.Select(e => (e.Status, e.TokensDelivered)).ShouldBe([(200, 2), (200, 0), (400, 0), (400, 0)]);
    }
}
