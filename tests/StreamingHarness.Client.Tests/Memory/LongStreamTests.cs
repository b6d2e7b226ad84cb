using Microsoft.Extensions.AI;
using Shouldly;
using StreamingHarness.Client.Events;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Memory;

/// <summary>
/// Memory per stream is constant: measured in bytes (heap after a full GC, bytes allocated), never in time. The heap is
/// the process's, so these run alone, after the parallel tests.
/// </summary>
[Collection(nameof(LongStreamTests))]
public sealed class LongStreamTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task HundredThousandTokens_OverRealSockets_RetainedHeapStaysFlat()
    {
        await using var fake = await StartAsync();
        using var client = fake.Client("load-long");
        long tokens = 0, heapAt10k = 0, heapAt90k = 0;

        await foreach (var update in client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken))
        {
            if (update.Text.Length == 0)
            {
                continue;
            }

            tokens++;
            if (tokens == 10_000)
            {
                heapAt10k = LiveHeapBytes();
            }
            else if (tokens == 90_000)
            {
                heapAt90k = LiveHeapBytes();
            }
        }

        tokens.ShouldBe(100_000);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"live heap after a full GC: {heapAt10k:N0} B at token 10,000, {heapAt90k:N0} B at token 90,000");

        // 80,000 tokens apart. The smallest thing a stream could keep per token is one 8-byte value in a growing
        // list: its capacity doubles from 16,384 to 131,072 slots here, about 900 KB. The rest of the test process
        // moves the live heap by tens of KB between the two readings, so 640 KB keeps both apart.
        (heapAt90k - heapAt10k).ShouldBeLessThan(640 * 1024);
    }

    /// <summary>
    /// The heap's live bytes after a full compacting collection: its size less the free space left in it. Not
    /// <see cref="GC.GetTotalMemory"/>, which also moves with the free space in gen 0's regions: up to 1.1 MB between
    /// two readings of the same stream, more than the smallest retention this test is there to catch.
    /// </summary>
    private static long LiveHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    [Fact]
    public async Task HundredThousandTokens_TheEventStreamAllocatesNothingPerToken()
    {
        const int Tokens = 100_000;
        using var http = new HttpClient(ScriptedNdjsonBody.Handler(Tokens)) { BaseAddress = new Uri("http://ollama.invalid/") };
        using var client = new OllamaStreamingChatClient(new OllamaStreamingOptions { Model = "m" }, http);
        long received = 0, textBytes = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        await foreach (var item in client.StreamAsync(Hello, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (item.Kind == OllamaStreamEventKind.Token)
            {
                received++;
                textBytes += item.Utf8Text.Length;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        received.ShouldBe(Tokens);
        textBytes.ShouldBe(Tokens * System.Text.Encoding.UTF8.GetByteCount(" tokén"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{allocated:N0} B allocated for {Tokens:N0} tokens ({(double)allocated / Tokens:0.###} B/token)");

        // The body completes every read synchronously, so the whole stream runs on this thread: what it allocated is
        // the per-stream setup (request, buffers, deadlines); anything per token would be at least 100,000 × 8 bytes.
        allocated.ShouldBeLessThan(Tokens);
    }
}

[CollectionDefinition(nameof(LongStreamTests), DisableParallelization = true)]
public sealed class LongStreamsRunAlone;
