using System.Diagnostics;
using Microsoft.Extensions.AI;
using StreamingHarness.Client.Events;
using StreamingHarness.FakeOllama.Scenarios;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Benchmarks;

/// <summary>
/// Seed 003's targets for the client, measured, not asserted (figures on a shared machine are not test material):
/// <c>dotnet test tests/StreamingHarness.Client.Tests -c Release --filter Seed003 -- xUnit.Explicit=only</c>.
/// The fake runs in the same process, so CPU and working set include it: upper bounds for the client alone.
/// </summary>
public sealed class Seed003TargetsBenchmark
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello")];

    [Fact(Explicit = true)]
    public async Task Seed003_Targets()
    {
        var paced = new Scenario { Name = "paced-100", Tokens = 1_000, Seed = 3, FirstTokenMs = 200, InterTokenMs = 10 };
        var long10k = new Scenario { Name = "long-10k", Tokens = 10_000, Seed = 3 };
        await using var fake = await StartAsync(1, paced, long10k);
        using var client = fake.Client("paced-100");
        await DrainAsync(client, "long-10k");

        // TTFT overhead: the client's first token against the fake's own first-line time, 20 requests.
        var overheads = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var ttft = await FirstTokenAsync(client);
            var entry = (await fake.FinishedChatsAsync(i + 2))[^1];
            overheads.Add(ttft.TotalMilliseconds - entry.LineTimesMs[0]);
        }

        // CPU at 100 tokens/s: 1,000 tokens 10 ms apart.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var tokens = await DrainAsync(client, "paced-100");
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / wall.Elapsed;

        // Sustained rate and memory for a 10,000-token answer, unpaced.
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        wall.Restart();
        long peakHeap = 0, received = 0;
        await foreach (var update in client.GetStreamingResponseAsync(
            Hello, new ChatOptions { ModelId = "long-10k" }, TestContext.Current.CancellationToken))
        {
            if (++received % 1_000 == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        var rate = received / wall.Elapsed.TotalSeconds;
        process.Refresh();
        overheads.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"TTFT overhead over the fake's own first line: p50 {overheads[10]:0.###} ms, max {overheads[^1]:0.###} ms | " +
            $"CPU at 100 tokens/s ({tokens} tokens): {cpu * 100:0.#}% of one core (client + fake) | " +
            $"10,000-token answer: {rate:N0} tokens/s, " +
            $"heap growth {(peakHeap - heapBefore) / 1024.0 / 1024:0.##} MB (peak, not collected), " +
            $"working set {workingSetBefore / 1024.0 / 1024:0} -> {process.WorkingSet64 / 1024.0 / 1024:0} MB");
    }

    private static async Task<TimeSpan> FirstTokenAsync(OllamaStreamingChatClient client)
    {
        TimeSpan? ttft = null;
        await foreach (var item in client.StreamAsync(
            Hello, new ChatOptions { ModelId = "long-10k", MaxOutputTokens = 5 }, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (item.Kind == OllamaStreamEventKind.Done)
            {
                ttft = item.Summary!.TimeToFirstToken;
            }
        }

        return ttft!.Value;
    }

    private static async Task<long> DrainAsync(OllamaStreamingChatClient client, string model)
    {
        long tokens = 0;
        await foreach (var item in client.StreamAsync(
            Hello, new ChatOptions { ModelId = model }, cancellationToken: TestContext.Current.CancellationToken))
        {
            tokens += item.TokenCount;
        }

        return tokens;
    }
}
