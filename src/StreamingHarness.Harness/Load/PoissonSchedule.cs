namespace StreamingHarness.Harness.Load;

/// <summary>
/// Pre-computed arrival times for an open loop: exponential gaps of mean 1/rate (a Poisson process), from a seed,
/// cut at the duration and at the request count. Computing them up front keeps the dispatcher's own delays out
/// of the schedule.
/// </summary>
internal static class PoissonSchedule
{
    /// <summary>Arrival offsets in seconds from the start, increasing.</summary>
    public static double[] Create(double ratePerSecond, TimeSpan duration, long maxRequests, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        var random = new Random(seed);
        var arrivals = new List<double>();
        var t = 0.0;
        while (arrivals.Count < maxRequests)
        {
            t += -Math.Log(1 - random.NextDouble()) / ratePerSecond;
            if (t >= duration.TotalSeconds)
            {
                break;
            }

            arrivals.Add(t);
        }

        return [.. arrivals];
    }
}
