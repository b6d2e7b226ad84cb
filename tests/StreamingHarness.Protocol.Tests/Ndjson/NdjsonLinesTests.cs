using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class NdjsonLinesTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \t")]
    [InlineData("\r")]
    [InlineData(" \r \r")]
    public void IsBlank_WhitespaceOnly_IsBlank(string line)
    {
        NdjsonLines.IsBlank(System.Text.Encoding.UTF8.GetBytes(line)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" x ")]
    [InlineData("\u00a0")]
    [InlineData("\f")]
    [InlineData("\v")]
    public void IsBlank_AnythingElse_IsNotBlank(string line) =>
        NdjsonLines.IsBlank(System.Text.Encoding.UTF8.GetBytes(line)).ShouldBeFalse();

    [Fact]
    public void IsBlank_Sequence_LooksAtEverySegment()
    {
        NdjsonLines.IsBlank(ByteSegment.Of(" \t"u8.ToArray(), "\r "u8.ToArray())).ShouldBeTrue();
        NdjsonLines.IsBlank(ByteSegment.Of(" \t"u8.ToArray(), " {"u8.ToArray())).ShouldBeFalse();
    }
}
