using System.Diagnostics;
using Microsoft.Extensions.AI;
using StreamingHarness.Client.Events;
using StreamingHarness.FakeOllama.Scenarios;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Benchmarks;

/// <summary>
/// Seed 003's targets for the client, measured, not asserted (figures on a shared machine are not test material):
/// <c>dotnet test tests/StreamingHarness.Client.Tests -c Release --filter Seed003 -- xUnit.Explicit=only</c>.
/// For CPU at 100 tokens/s the fake runs as a process of its own; elsewhere it shares this process, so the working set
/// includes it: an upper bound for the client alone.
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

        // CPU at 100 tokens/s: 1,000 tokens 10 ms apart, from a fake in its own process, so this process's CPU is the client's.
        var (tokens, clientCpu, fakeCpu, idleCpu) = await PacedCpuAsync();

        // Sustained rate and memory for a 10,000-token answer, unpaced.
        var process = Process.GetCurrentProcess();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var wall = Stopwatch.StartNew();
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
            $"CPU at 100 tokens/s ({tokens} tokens): client {clientCpu * 100:0.##}% of one core, " +
            $"the same process idle {idleCpu * 100:0.##}%, the fake's own process {fakeCpu * 100:0.#}% | " +
            $"10,000-token answer: {rate:N0} tokens/s, " +
            $"heap growth {(peakHeap - heapBefore) / 1024.0 / 1024:0.##} MB (peak, not collected), " +
            $"working set {workingSetBefore / 1024.0 / 1024:0} -> {process.WorkingSet64 / 1024.0 / 1024:0} MB");
    }

    private static async Task<(long Tokens, double ClientCores, double FakeCores, double IdleCores)> PacedCpuAsync()
    {
        await using var fake = await SeparateFakeProcess.StartAsync(new Dictionary<string, string>
        {
            ["paced-100.yaml"] = "name: paced-100\ntokens: 1000\nseed: 3\nfirst_token_ms: 200\ninter_token_ms: 10\n",
            ["warm-up.yaml"] = "name: warm-up\ntokens: 2000\nseed: 3\n",
        });
        using var client = new OllamaStreamingChatClient(new OllamaStreamingOptions { BaseAddress = fake.BaseAddress, Model = "warm-up" });
        await DrainAsync(client, "warm-up");

        // What this process burns doing nothing for as long (test host, the in-process fake's timers): read, not subtracted.
        var process = Process.GetCurrentProcess();
        var idleBefore = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(10.2), TestContext.Current.CancellationToken);
        process.Refresh();
        var idle = (process.TotalProcessorTime - idleBefore) / TimeSpan.FromSeconds(10.2);

        var clientBefore = process.TotalProcessorTime;
        var fakeBefore = fake.ProcessorTime;
        var wall = Stopwatch.StartNew();
        var tokens = await DrainAsync(client, "paced-100");
        var elapsed = wall.Elapsed;
        process.Refresh();
        return (tokens, (process.TotalProcessorTime - clientBefore) / elapsed, (fake.ProcessorTime - fakeBefore) / elapsed, idle);
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
