using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models.Chat;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.Testing.Clients;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>The Ollama 0.33 features through clients nobody here wrote: ollama-js (with ajv) and OllamaSharp.</summary>
public sealed class RealClient033Tests
{
    private static readonly Scenario[] Scenarios =
    [
        new()
        {
            Name = "m",
            Response = "Hello",
            Seed = 11,
            // 3000 + 50 bytes at 10000 B/s: 300 ms and 5 ms, so four progress lines for the first layer, none for the second.
            Pull = new PullSpec { Models = ["fresh:7b"], Layers = [3000, 50], BytesPerSecond = 10_000 },
        },
        new() { Name = "broken", Faults = [new StreamingHarness.FakeOllama.Faults.SchemaViolationFault(1)] },
        new()
        {
            Name = "thinker",
            Response = "Yes",
            Thinking = "Quick.",
            ThinkingLevels = new Dictionary<string, string> { ["high"] = "A long careful thought." },
        },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OllamaJs_PullsWithProgress_ValidatesTheSchemaWithAjv_AndThinksHigh()
    {
        await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions { Scenarios = Scenarios }, Ct);

        var output = await NodeClients.RunAsync("ollama-033-check.mjs", fake.BaseAddress.ToString().TrimEnd('/'), Ct);

        var result = JsonDocument.Parse(output).RootElement;
        var layer = Sha("fresh:7b#0")[7..19];
        result.GetProperty("pull").EnumerateArray().Select(p => p.GetString()).ShouldBe(
        [
            "pulling manifest", $"pulling {layer} 600/3000", $"pulling {layer} 1200/3000", $"pulling {layer} 1800/3000",
            $"pulling {layer} 2400/3000", "verifying sha256 digest", "writing manifest", "success",
        ]);
        result.GetProperty("listed").EnumerateArray().Select(m => m.GetString()).ShouldContain("fresh:7b");
        result.GetProperty("schemaValid").GetBoolean().ShouldBeTrue();
        result.GetProperty("violationValid").GetBoolean().ShouldBeFalse();
        result.GetProperty("violationErrors").EnumerateArray().Select(e => e.GetString()).ShouldBe(["must have required property 'name'"]);
        result.GetProperty("thinking").GetString().ShouldBe("A long careful thought.");
        result.GetProperty("content").GetString().ShouldBe("Yes");
    }

    [Fact]
    public async Task OllamaSharp_PullModelAsyncReportsProgress_AndFormatJsonGivesAnObject()
    {
        await using var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions { Scenarios = Scenarios }, Ct);
        using var ollama = new OllamaApiClient(fake.BaseAddress);

        var statuses = new List<string>();
        await foreach (var status in ollama.PullModelAsync("fresh:7b", Ct))
        {
            statuses.Add(status!.Completed > 0 ? $"{status.Status} {status.Completed}/{status.Total} {status.Percent}" : status.Status);
        }

        var layer = Sha("fresh:7b#0")[7..19];
        statuses.ShouldBe(
        [
            "pulling manifest", $"pulling {layer} 600/3000 20", $"pulling {layer} 1200/3000 40", $"pulling {layer} 1800/3000 60",
            $"pulling {layer} 2400/3000 80", "verifying sha256 digest", "writing manifest", "success",
        ]);
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in ollama.ChatAsync(
            new ChatRequest { Model = "m", Messages = [new Message(ChatRole.User, "x")], Format = "json" }, Ct))
        {
            text.Append(chunk?.Message.Content);
        }

        text.ToString().ShouldBe("""{"answer":"Hello"}""");
    }

    private static string Sha(string text) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
