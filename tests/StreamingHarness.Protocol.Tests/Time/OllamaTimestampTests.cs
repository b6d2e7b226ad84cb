using Shouldly;
using StreamingHarness.Protocol.Time;

namespace StreamingHarness.Protocol.Tests.Time;

public sealed class OllamaTimestampTests
{
    private static DateTimeOffset At(long ticksIntoSecond) =>
        new DateTimeOffset(2025, 10, 26, 17, 21, 21, TimeSpan.Zero).AddTicks(ticksIntoSecond);

    [Theory]
    [InlineData(1962490, "2025-10-26T17:21:21.196249Z")]
    [InlineData(1234567, "2025-10-26T17:21:21.1234567Z")]
    [InlineData(500000, "2025-10-26T17:21:21.05Z")]
    [InlineData(1, "2025-10-26T17:21:21.0000001Z")]
    [InlineData(0, "2025-10-26T17:21:21Z")]
    public void Format_TrimsTrailingZerosAndEndsInZ(long ticks, string expected)
    {
        OllamaTimestamp.Format(At(ticks)).ShouldBe(expected);
    }

    [Fact]
    public void Format_OtherOffset_IsWrittenInUtc()
    {
        OllamaTimestamp.Format(new DateTimeOffset(2025, 10, 26, 10, 21, 21, TimeSpan.FromHours(-7))).ShouldBe("2025-10-26T17:21:21Z");
    }

    [Fact]
    public void FormatWithOffset_KeepsTheOffset_ZeroOffsetIsZ()
    {
        OllamaTimestamp.FormatWithOffset(new DateTimeOffset(2025, 5, 10, 8, 6, 48, TimeSpan.FromHours(-7)).AddTicks(6397126))
            .ShouldBe("2025-05-10T08:06:48.6397126-07:00");
        OllamaTimestamp.FormatWithOffset(new DateTimeOffset(2025, 5, 10, 8, 6, 48, TimeSpan.FromMinutes(330)))
            .ShouldBe("2025-05-10T08:06:48+05:30");
        OllamaTimestamp.FormatWithOffset(At(0)).ShouldBe("2025-10-26T17:21:21Z");
    }

    [Fact]
    public void Write_IntoSmallBuffer_Throws()
    {
        Should.Throw<ArgumentException>(() => OllamaTimestamp.Write(At(0), new byte[10]));
    }

    [Theory]
    [InlineData("2025-10-26T17:21:21.123456789Z", 1234567)]
    [InlineData("2025-10-26T17:21:21.196249Z", 1962490)]
    [InlineData("2025-10-26T17:21:21Z", 0)]
    [InlineData("2025-10-26T10:21:21.5-07:00", 5000000)]
    public void TryParse_ReadsGoTimestamps(string text, long ticksIntoSecond)
    {
        OllamaTimestamp.TryParse(text, out var value).ShouldBeTrue();
        value.UtcDateTime.ShouldBe(At(ticksIntoSecond).UtcDateTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void TryParse_Garbage_IsFalse(string? text)
    {
        OllamaTimestamp.TryParse(text, out _).ShouldBeFalse();
    }
}
