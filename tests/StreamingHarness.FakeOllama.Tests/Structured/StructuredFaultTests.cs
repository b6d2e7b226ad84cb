using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Tests.Structured;

/// <summary>The semantic faults: the stream is clean, the structured answer is not.</summary>
public sealed class StructuredFaultTests
{
    private const string Base = "name: t\nresponse: \"Hello, world!\"\nseed: 7\nfaults:\n";

    [Fact]
    public async Task SchemaViolation_LeavesOutTheFirstRequiredProperty_ValidJsonThatFailsTheSchema()
    {
        await using var fake = await StartAsync(Base + "  - kind: schema-violation\n");

        var lines = ChatLines(await SendAsync(fake, Chat("t", PersonSchema)));

        var json = Content(lines);
        Parses(json).ShouldBeTrue(json);
        json.ShouldNotContain("\"name\"");
        Validate(PersonSchema, json).IsValid.ShouldBeFalse(json);
        lines[^1]["done_reason"]!.GetValue<string>().ShouldBe("stop");
        var entry = await FinishedEntryAsync(fake);
        entry.Ending.ShouldBe(StreamEnding.Completed);
        entry.Faults.Single().Action.ShouldBe("left out required property 'name'");
    }

    [Fact]
    public async Task SchemaViolation_WithoutRequired_GivesTheFirstPropertyTheWrongType()
    {
        await using var fake = await StartAsync(Base + "  - kind: schema-violation\n");
        const string Schema = """{"type":"object","properties":{"count":{"type":"integer"}}}""";

        var json = Content(ChatLines(await SendAsync(fake, Chat("t", Schema))));

        json.ShouldBe("""{"count":"not a integer"}""");
        Validate(Schema, json).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task SchemaViolation_OnJson_AnswersAnArray()
    {
        await using var fake = await StartAsync(Base + "  - kind: schema-violation\n");

        Content(ChatLines(await SendAsync(fake, Chat("t", "\"json\"")))).ShouldBe("""["not an object"]""");
    }

    [Fact]
    public async Task InvalidJson_Truncated_CutsTheAnswerThenEndsWithACleanDone()
    {
        await using var fake = await StartAsync(Base + "  - kind: invalid-json\n");

        var response = await SendAsync(fake, Chat("t", PersonSchema));

        var lines = ChatLines(response);
        Parses(Content(lines)).ShouldBeFalse(Content(lines));
        lines[^1]["done"]!.GetValue<bool>().ShouldBeTrue();
        lines[^1]["done_reason"]!.GetValue<string>().ShouldBe("stop");
        response.End.ShouldBe(StreamingHarness.Testing.RawHttp.BodyEnd.ChunkedTerminator);
        (await FinishedEntryAsync(fake)).Faults.Single().Action.ShouldStartWith("cut the answer after ");
    }

    [Fact]
    public async Task InvalidJson_Unbalanced_LeavesOutTheLastBrace()
    {
        await using var fake = await StartAsync(Base + "  - kind: invalid-json\n    shape: unbalanced\n");

        Content(ChatLines(await SendAsync(fake, Chat("t", "\"json\"")))).ShouldBe("{\"answer\":\"Hello, world!\"");
    }

    [Fact]
    public async Task StructuredFaults_LeaveFreeTextAlone()
    {
        await using var fake = await StartAsync(Base + "  - kind: invalid-json\n  - kind: schema-violation\n");

        var response = await SendAsync(fake, Chat("t", "null"));

        Content(ChatLines(response)).ShouldBe("Hello, world!");
        (await FinishedEntryAsync(fake)).Faults.ShouldBeEmpty();
    }
}
