using System.Text.Json.Nodes;
using Shouldly;
using StreamingHarness.Testing.RawHttp;
using static StreamingHarness.FakeOllama.Tests.Faults.FaultTestHost;
using static StreamingHarness.FakeOllama.Tests.Structured.StructuredWire;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary><c>logprobs</c>/<c>top_logprobs</c>: on each chunk natively, in <c>choices[0].logprobs.content</c> on /v1.</summary>
public sealed class LogprobTests
{
    private const string Hello = "name: t\nresponse: \"Hello, wörld!\"\nseed: 5\n";

    private static RawHttpRequest Chat(string extra, bool stream = true) => RawHttpRequest.PostJson(
        "/api/chat",
        Q("{'model':'t','stream':") + (stream ? "true" : "false") + Q(extra) + Q(",'messages':[{'role':'user','content':'q'}]}"));

    [Fact]
    public async Task Native_Logprobs_EachTokenChunkCarriesItsTokenBytesAndTopAlternatives_ChosenFirst()
    {
        await using var fake = await StartAsync(Hello);

        var lines = (await SendAsync(fake, Chat(",'logprobs':true,'top_logprobs':3"))).Lines.Select(l => JsonNode.Parse(l)!).ToList();

        foreach (var line in lines.Take(lines.Count - 1))
        {
            var logprob = line["logprobs"]!.AsArray().Single()!;
            var token = line["message"]!["content"]!.GetValue<string>();
            logprob["token"]!.GetValue<string>().ShouldBe(token);
            logprob["bytes"]!.AsArray().Select(b => (byte)b!.GetValue<int>()).ShouldBe(System.Text.Encoding.UTF8.GetBytes(token));
            var top = logprob["top_logprobs"]!.AsArray();
            top.Count.ShouldBe(3);
            top[0]!["token"]!.GetValue<string>().ShouldBe(token);
            top[0]!["logprob"]!.GetValue<double>().ShouldBe(logprob["logprob"]!.GetValue<double>());
            top.Select(t => t!["logprob"]!.GetValue<double>()).ShouldBeInOrder(SortDirection.Descending);
            top.Skip(1).ShouldAllBe(t => t!["token"]!.GetValue<string>() != token);
            logprob["logprob"]!.GetValue<double>().ShouldBeLessThan(0);
        }

        lines[^1]["logprobs"].ShouldBeNull();
        lines[1]["logprobs"]!.ToJsonString().ShouldStartWith("""[{"token":",","logprob":""");
    }

    [Fact]
    public async Task Native_LogprobsWithoutTop_HasNoAlternatives_AndTopAloneAsksForNothing()
    {
        await using var fake = await StartAsync(Hello);

        var plain = (await SendAsync(fake, Chat(",'logprobs':true"))).Lines;
        var topOnly = (await SendAsync(fake, Chat(",'top_logprobs':5"))).BodyText;

        JsonNode.Parse(plain[0])!["logprobs"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["token", "logprob", "bytes"]);
        topOnly.ShouldNotContain("logprobs");
    }

    [Fact]
    public async Task Native_SameSeed_SameLogprobs_AndTheTextDoesNotChange()
    {
        await using var fake = await StartAsync(Hello);

        var first = (await SendAsync(fake, Chat(",'logprobs':true,'top_logprobs':2", stream: false))).BodyText;
        var again = (await SendAsync(fake, Chat(",'logprobs':true,'top_logprobs':2", stream: false))).BodyText;

        again.ShouldBe(first);
        var body = JsonNode.Parse(first)!;
        body["message"]!["content"]!.GetValue<string>().ShouldBe("Hello, wörld!");
        body["logprobs"]!.AsArray().Select(l => l!["token"]!.GetValue<string>()).ShouldBe(["Hello", ",", " wörld", "!"]);
    }

    [Fact]
    public async Task Native_OffTop_PutsAnotherTokenAboveTheChosenOne()
    {
        await using var fake = await StartAsync(Hello + "logprob_off_top: 1\n");

        var line = JsonNode.Parse((await SendAsync(fake, Chat(",'logprobs':true,'top_logprobs':2"))).Lines[0])!;

        var top = line["logprobs"]![0]!["top_logprobs"]!.AsArray();
        top[1]!["token"]!.GetValue<string>().ShouldBe("Hello");
        top[1]!["logprob"]!.GetValue<double>().ShouldBe(line["logprobs"]![0]!["logprob"]!.GetValue<double>());
        top[0]!["logprob"]!.GetValue<double>().ShouldBeGreaterThan(top[1]!["logprob"]!.GetValue<double>());
    }

    [Fact]
    public async Task Generate_Logprobs_OnEachChunk()
    {
        await using var fake = await StartAsync(Hello);

        var request = RawHttpRequest.PostJson("/api/generate", Q("{'model':'t','prompt':'p','logprobs':true}"));
        var lines = (await SendAsync(fake, request)).Lines;

        JsonNode.Parse(lines[0])!["logprobs"]![0]!["token"]!.GetValue<string>().ShouldBe("Hello");
        lines[0].ShouldEndWith("\"done\":false,\"logprobs\":" + JsonNode.Parse(lines[0])!["logprobs"]!.ToJsonString() + "}");
    }

    [Fact]
    public async Task OpenAi_Logprobs_InChoicesLogprobsContent_StreamedAndNot()
    {
        await using var fake = await StartAsync(Hello);
        const string Body = "{'model':'t','logprobs':true,'top_logprobs':2,'messages':[{'role':'user','content':'q'}]";

        var streamed = await SendAsync(fake, RawHttpRequest.PostJson("/v1/chat/completions", Q(Body + ",'stream':true}")));
        var whole = await SendAsync(fake, RawHttpRequest.PostJson("/v1/chat/completions", Q(Body + "}")));

        var first = JsonNode.Parse(streamed.BodyText.Split("\n\n")[0]["data: ".Length..])!["choices"]![0]!;
        first["logprobs"]!["content"]![0]!["token"]!.GetValue<string>().ShouldBe("Hello");
        first["logprobs"]!["content"]![0]!["top_logprobs"]!.AsArray().Count.ShouldBe(2);
        JsonNode.Parse(whole.BodyText)!["choices"]![0]!["logprobs"]!["content"]!.AsArray()
            .Select(l => l!["token"]!.GetValue<string>()).ShouldBe(["Hello", ",", " wörld", "!"]);
    }
}
