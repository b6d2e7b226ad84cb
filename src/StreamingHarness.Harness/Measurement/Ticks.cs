using System.Diagnostics;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// Conversions from <see cref="Stopwatch"/> ticks, the unit every figure is taken in; the readings come from the run's
/// <see cref="HarnessClock"/>.
/// </summary>
internal static class Ticks
{
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public static long ToNanoseconds(long ticks) => (long)(ticks * NanosPerTick);

    public static double ToMilliseconds(long ticks) => ticks * NanosPerTick / 1e6;

    public static long FromMilliseconds(double ms) => (long)(ms * 1e6 / NanosPerTick);
}
