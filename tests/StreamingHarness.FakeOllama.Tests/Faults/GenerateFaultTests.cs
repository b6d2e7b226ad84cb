using System.Text;
using Shouldly;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.Faults;

/// <summary>The same faults on <c>/api/generate</c>, whose lines carry <c>response</c> instead of <c>message</c>.</summary>
public sealed class GenerateFaultTests
{
    [Theory]
    [InlineData("disconnect", 3, "", BodyEnd.ConnectionReset)]
    [InlineData("abrupt-close", 3, "", BodyEnd.EofWithoutTerminator)]
    [InlineData(
        "error-midstream", 3,
        "{\"error\":\"model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama "
        + "server logs for details\"}\n", BodyEnd.ChunkedTerminator)]
    [InlineData("early-eof", 5, "", BodyEnd.ChunkedTerminator)]
    [InlineData("torn-line", 3, "half", BodyEnd.EofWithoutTerminator)]
    public async Task LineFaults_OnGenerate_CutTheStreamWhereTheyDoOnChat(string kind, int linesKept, string tail, BodyEnd end)
    {
        await using var fake = await StartAsync(
            FaultYaml.With(kind, kind == "early-eof" ? "repeat: false" : "after_tokens: 3"), FaultYaml.Baseline);
        var baseline = await SendAsync(fake, Generate("t") with { Headers = [new("X-Fake-Scenario", "base")] });

        var response = await SendAsync(fake, Generate("t"));

        var kept = string.Concat(baseline.Lines.Take(linesKept).Select(l => l + "\n"));
        var next = Encoding.UTF8.GetBytes(baseline.Lines[linesKept] + "\n");
        var expectedTail = tail == "half" ? Encoding.UTF8.GetString(next, 0, next.Length / 2) : tail;
        response.BodyText.ShouldBe(kept + expectedTail);
        response.End.ShouldBe(end);
        baseline.Lines[0].ShouldBe(GenerateLine("t", "one").TrimEnd('\n'));
        baseline.Lines[^1].ShouldContain("\"context\":[");
    }
}
