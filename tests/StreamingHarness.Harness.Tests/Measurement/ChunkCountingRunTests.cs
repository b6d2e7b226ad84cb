using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Tests.Cli;
using StreamingHarness.Testing.Files;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Measurement;

/// <summary>
/// A load run against a server whose final chunk says <c>eval_count: 0</c> after real text (aimock, gateways that do
/// not count): the reports count the chunks, say so, and show what the server claimed.
/// </summary>
[Collection(ConsoleUsers.Name)]
public sealed class ChunkCountingRunTests : IDisposable
{
    private const int Chunks = 12;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Ollama's native chat stream: <see cref="Chunks"/> content lines, then a done line that counts 0 tokens.</summary>
    private static async Task LyingChatAsync(HttpContext context)
    {
        context.Response.ContentType = "application/x-ndjson";
        const string head = """{"model":"liar","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""";
        for (var i = 0; i < Chunks; i++)
        {
            await context.Response.WriteAsync(head + $"\"t{i} \"}},\"done\":false}}\n");
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync(head + "\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":5,\"load_duration\":1,"
            + "\"prompt_eval_count\":3,\"prompt_eval_duration\":1,\"eval_count\":0,\"eval_duration\":1}\n");
    }

    [Fact]
    public async Task Run_ServerSaysEvalCountZero_TokensAreTheChunksAndTheReportSaysSo()
    {
        await using var stub = await KestrelStub.StartAsync(LyingChatAsync);

        var code = await LoadTestCommandTests.RunAsync(
            "--url", stub.BaseAddress.ToString(), "-t", "ollama", "-m", "liar", "-c", "1", "-n", "4", "-d", "30s",
            "--warmup", "0s", "--no-memory", "--reports", _temp.Path);

        code.ShouldBe(LoadTestCommand.Passed);
        var folder = Directory.GetDirectories(_temp.Path).ShouldHaveSingleItem();
        Path.GetFileName(folder).ShouldEndWith("-ollama-liar-127.0.0.1");
        using var summary = JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "summary.json"), TestContext.Current.CancellationToken));
        var phase = summary.RootElement.GetProperty("phases").EnumerateArray().Single().GetProperty("summary");
        var requests = phase.GetProperty("succeeded").GetInt64();
        requests.ShouldBe(4);
        phase.GetProperty("output_tokens").GetInt64().ShouldBe(Chunks * requests);
        var said = $"in 4 of 4 requests the server counted 0 tokens for {Chunks * requests} content chunks";
        phase.GetProperty("token_source").GetString().ShouldBe("chunks where the server's count disagreed: " + said);
        var disagreement = phase.GetProperty("count_disagreement");
        disagreement.GetProperty("requests").GetInt64().ShouldBe(4);
        disagreement.GetProperty("server_count").GetInt64().ShouldBe(0);
        disagreement.GetProperty("content_chunks").GetInt64().ShouldBe(Chunks * requests);
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), TestContext.Current.CancellationToken)).ShouldContain(said);
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken)).ShouldContain(said);
        var rows = await File.ReadAllLinesAsync(Path.Combine(folder, "samples.csv"), TestContext.Current.CancellationToken);
        rows[0].ShouldContain("output_tokens,tokens_are_chunks,content_chunks,reported_tokens,");
        rows.Skip(1).ShouldAllBe(r => r.Contains($",{Chunks},true,{Chunks},0,", StringComparison.Ordinal));
    }
}
