using Shouldly;
using StreamingHarness.Harness.Measurement;

namespace StreamingHarness.Harness.Tests.Measurement;

/// <summary>When the server's own count stands for the output tokens, and when the chunks seen do.</summary>
public sealed class TokenCountSourceTests
{
    private static RequestTimeline Timeline(int chunks, long? reported)
    {
        var t = new RequestTimeline();
        t.OnStart(0);
        for (var i = 1; i <= chunks; i++)
        {
            t.OnChunk(i * 1000, true);
        }

        t.OnTerminal((chunks + 1) * 1000, reported);
        return t;
    }

    [Theory]
    [InlineData(1540, 1540L, 1540L, "Server")]
    [InlineData(10, 5L, 5L, "Server")]
    [InlineData(10, 640L, 640L, "Server")]
    [InlineData(0, 3L, 3L, "Server")]
    [InlineData(1540, 0L, 1540L, "ChunksCountDisagrees")]
    [InlineData(10, 4L, 10L, "ChunksCountDisagrees")]
    [InlineData(10, 641L, 10L, "ChunksCountDisagrees")]
    [InlineData(7, null, 7L, "ChunksNoCount")]
    public void OutputTokens_TakeTheServersCountOnlyWhenCredible(int chunks, long? reported, long tokens, string sourceName)
    {
        var source = Enum.Parse<TokenCountSource>(sourceName);
        var t = Timeline(chunks, reported);

        t.OutputTokens.ShouldBe(tokens);
        t.TokenSource.ShouldBe(source);
        t.TokensAreChunks.ShouldBe(source != TokenCountSource.Server);
        t.ReportedTokens.ShouldBe(reported);
    }

    [Fact]
    public void Tpot_WithEvalCountZero_IsMeasuredOverTheChunks()
    {
        var t = Timeline(chunks: 5, reported: 0);

        t.TpotMs!.Value.ShouldBe(Ticks.ToMilliseconds(6000 - 1000) / 4, 1e-9);
    }
}
