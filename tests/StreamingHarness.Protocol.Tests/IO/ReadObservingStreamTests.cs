using Shouldly;
using StreamingHarness.Protocol.IO;

namespace StreamingHarness.Protocol.Tests.IO;

public sealed class ReadObservingStreamTests
{
    [Fact]
    public async Task ReadAsync_ZeroByteReadThenRead_ObservesOnlyTheRealRead()
    {
        var observed = new List<int>();
        await using var stream = new Observing(new MemoryStream("abc"u8.ToArray()), observed);
        var buffer = new byte[8];

        (await stream.ReadAsync(Memory<byte>.Empty, TestContext.Current.CancellationToken)).ShouldBe(0);
        (await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)).ShouldBe(3);
        (await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)).ShouldBe(0);

        // The zero-byte read is a wait for data, not the end: only the two real reads are observed, the last one as the end.
        observed.ShouldBe([3, 0]);
    }

    private sealed class Observing(Stream inner, List<int> observed) : ReadObservingStream(inner)
    {
        protected override void OnRead(int bytes) => observed.Add(bytes);
    }
}
